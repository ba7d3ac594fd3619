package fi.kivaq.dsr.unsubscribe;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestQueued;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Stopping the newsletter (GDPR Art. 7(3), 21(2)-(3)): unconditional, and as easy as subscribing. Every unsubscribe
 * request withdraws the consent in the transaction that files it, before anything is verified: the one-click link
 * within the click's own request, the form and the API within the request that files them ({@link RequestQueued};
 * the process, which starts just after, withdraws again, a no-op, and does so for requests staff register). Only the
 * confirmation letter waits for a verified address, because answers go only to a verified channel. Withdrawing first
 * is safe: a forged request can do no more than stop marketing to someone, which harms no one, reveals nothing and
 * is undone by subscribing again.
 */
@Service
public class NewsletterUnsubscribe {

    private final NewsletterLinks links;
    private final ContactRegister register;
    private final RequestIntake intake;
    private final RequestRepository requests;
    private final MailOutbox outbox;
    private final ResponseLetters letters;
    private final Clock clock;

    NewsletterUnsubscribe(NewsletterLinks links, ContactRegister register, RequestIntake intake,
                          RequestRepository requests, MailOutbox outbox, ResponseLetters letters, Clock clock) {
        this.links = links;
        this.register = register;
        this.intake = intake;
        this.requests = requests;
        this.outbox = outbox;
        this.letters = letters;
        this.clock = clock;
    }

    /**
     * The one-click link (RFC 8058 POST, or the button on its page).
     *
     * @return the language to thank the person in, or empty when the link is not one of ours
     */
    @Transactional
    public Optional<Language> unsubscribeByLink(String token) {
        Optional<Long> contactId = links.contactFor(token);
        if (contactId.isEmpty()) {
            return Optional.empty();
        }
        long contact = contactId.get();
        Language language = register.languageOf(contact).flatMap(Language::fromCode).orElse(Language.DEFAULT);
        // two clicks at once: the second waits here, then finds the consent gone and files nothing
        register.lockForChange(contact);
        if (register.isSubscribed(contact)) {
            // a request of its own, so the confirmation and the deadline are tracked like any other; its process
            // withdraws the consent first thing, in this transaction, naming the request
            String email = register.emailOf(contact).orElseThrow();
            // the consent ends in this transaction (withdrawWhenFiled), the process starts after its commit
            intake.fileVerified(new NewRequest(RequestType.UNSUBSCRIBE, email, null, language, null,
                    RequestChannel.ONE_CLICK, clock.instant()), contact);
        }
        return Optional.of(language);
    }

    /**
     * A public unsubscribe request (form, API, one-click link) ends the consent in the transaction that files it,
     * before its process starts and before any verification.
     */
    @EventListener
    void withdrawWhenFiled(RequestQueued queued) {
        if (queued.type() == RequestType.UNSUBSCRIBE) {
            withdrawForRequest(queued.requestId());
        }
    }

    /**
     * The first step of every unsubscribe request, in the transaction that files it and before any verification:
     * withdraw the consent of the contact with the request's address, if there is one, naming the request in the
     * consent history. Nothing of this shows in what the requester sees, so the answer is the same whether or not
     * the address is in the register. Idempotent.
     */
    @Transactional
    public void withdrawForRequest(long requestId) {
        DsrRequest request = requests.get(requestId);
        Optional<Long> contact = request.contactId() != null
                ? Optional.of(request.contactId())
                : register.findContactIdByEmail(request.requesterEmail());
        contact.ifPresent(id -> {
            requests.linkContact(requestId, id);
            register.withdrawNewsletterConsent(id, consentChannel(request.channel()), requestId);
        });
    }

    private static ConsentChannel consentChannel(RequestChannel channel) {
        return switch (channel) {
            case ONE_CLICK -> ConsentChannel.ONE_CLICK;
            case STAFF -> ConsentChannel.STAFF;
            case WEB_FORM, API -> ConsentChannel.REQUEST_FORM;
        };
    }

    /**
     * The confirmation, a mail with the signed confirmation letter, once the address is verified (or proven by the
     * one-click link): the same wording whether or not there was a consent to withdraw. It withdraws nothing: that
     * happened when the request was filed, and a consent the person gave again since then is theirs to keep.
     */
    @Transactional
    public void confirm(long requestId) {
        DsrRequest request = requests.get(requestId);
        OutgoingMail.Attachment letter = letters.issue(requestId,
                letters.contentFor(request, LetterType.UNSUBSCRIBE_CONFIRMATION));
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "unsubscribe-confirmation",
                request.language().code(), Map.of("reference", request.reference())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }
}
