package fi.kivaq.dsr.unsubscribe;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

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
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Stopping the newsletter (GDPR Art. 7(3), 21(2)-(3)): unconditional, and as easy as subscribing. The one-click
 * link withdraws the consent within the click's own transaction, before anything else is checked.
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
        if (register.withdrawNewsletterConsent(contact, ConsentChannel.ONE_CLICK)) {
            // a request of its own, so the confirmation and the deadline are tracked like any other
            String email = register.emailOf(contact).orElseThrow();
            intake.fileVerified(new NewRequest(RequestType.UNSUBSCRIBE, email, null, language, null,
                    RequestChannel.ONE_CLICK, clock.instant()), contact);
        }
        return Optional.of(language);
    }

    /** A verified unsubscribe request: withdraw the consent of the contact with that address, if there is one. */
    @Transactional
    public void withdrawForRequest(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Optional<Long> contact = request.contactId() != null
                ? Optional.of(request.contactId())
                : register.findContactIdByEmail(request.requesterEmail());
        contact.ifPresent(id -> {
            requests.linkContact(requestId, id);
            ConsentChannel channel = request.channel() == RequestChannel.ONE_CLICK ? ConsentChannel.ONE_CLICK
                    : ConsentChannel.REQUEST_FORM;
            register.withdrawNewsletterConsent(id, channel);
        });
    }

    /**
     * The confirmation, a mail with the signed confirmation letter: the same wording whether or not there was a
     * consent to withdraw.
     */
    @Transactional
    public void confirm(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        OutgoingMail.Attachment letter = letters.issue(requestId,
                letters.contentFor(request, LetterType.UNSUBSCRIBE_CONFIRMATION));
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "unsubscribe-confirmation",
                request.language().code(), Map.of("reference", request.reference())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }
}
