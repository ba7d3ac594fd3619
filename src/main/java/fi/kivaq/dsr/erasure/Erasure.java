package fi.kivaq.dsr.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.core.OrderComparator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.register.ContactField;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.PersonalDataOwner;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * GDPR Art. 17, the erasure itself: every module that owns personal data erases the person's in one transaction.
 * This class writes no table; it finds the person, notes the recipients to tell, and asks every
 * {@link PersonalDataOwner}. The letter ({@link ErasureLetter}) and the clean-up ({@link ErasureCleanUp}) follow.
 */
@Service
public class Erasure {

    /** Staff's assessment, as it turned out: what the register held, and whether a law keeps some of it. */
    public enum Scope {
        FULL, PARTIAL, NOTHING_HELD;

        static Scope assess(boolean personInRegister, Optional<LocalDate> keptUntil) {
            if (!personInRegister) {
                return NOTHING_HELD;
            }
            return keptUntil.isPresent() ? PARTIAL : FULL;
        }
    }

    private final RequestRepository requests;
    private final ContactRegister register;
    private final SubcontractorNotifications notifications;
    private final List<PersonalDataOwner> owners;
    private final ErasureCleanUp cleanUp;
    private final RuntimeService runtimeService;
    private final Clock clock;

    Erasure(RequestRepository requests, ContactRegister register, SubcontractorNotifications notifications,
            List<PersonalDataOwner> owners, ErasureCleanUp cleanUp, RuntimeService runtimeService, Clock clock) {
        this.requests = requests;
        this.register = register;
        this.notifications = notifications;
        this.owners = owners.stream().sorted(OrderComparator.INSTANCE).toList();
        this.cleanUp = cleanUp;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /** A retention review's "erase" cannot finish while mails to the person still wait in the outbox. */
    public static class MailsStillWaiting extends RuntimeException {
        MailsStillWaiting(long contactId) {
            super("mails to contact " + contactId + " are still waiting in the outbox");
        }
    }

    /** What a retention review's erasure did: its record's reference, and how many recipients are being told. */
    public record ReviewErasure(String reference, int recipientsToTell) {
    }

    /**
     * Erasure decided at a retention review (the data is no longer needed, Art. 5(1)(e), 17(1)(a)): the same owners
     * erase the same way as for an erasure request, in one transaction. It is recorded as an answered erasure request
     * filed by staff, so that it has a reference and an outcome like any other; no letter goes to the person. What
     * the Accounting Act keeps stays until its purge date.
     * <p>
     * With no recipient in the disclosure log the clean-up reduces the person's requests at once, in the same
     * transaction. Otherwise every recipient is told as for an erasure request (Art. 19: the same mail, saying the
     * erasure was a retention review's, with its confirmation link, reminder and staff chase) by {@code erasure.bpmn},
     * started here at its message start event; the record keeps the person's name and address for those mails
     * until every recipient has confirmed and the last mail has left the outbox, and the process's clean-up then
     * reduces it as it does a requester's.
     *
     * @throws MailsStillWaiting when a mail to the person is still unsent: nothing is erased
     */
    @Transactional
    public ReviewErasure eraseAtRetentionReview(long contactId) {
        String email = register.emailOf(contactId)
                .orElseThrow(() -> new IllegalArgumentException("no contact " + contactId));
        Language language = register.languageOf(contactId).flatMap(Language::fromCode).orElse(Language.DEFAULT);
        // the name the recipients know the person by, for their mails; reduced with the record
        String name = register.correctableValues(contactId).map(values -> values.get(ContactField.NAME))
                .filter(value -> !value.isBlank()).orElse(null);
        Instant now = clock.instant();
        DsrRequest record = requests.recordAnswered(new NewRequest(RequestType.DELETION, email, name, language, null,
                RequestChannel.STAFF, now), LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI)), now);
        requests.linkContact(record.id(), contactId);
        erase(record.id(), true);
        int recipients = notifications.idsFor(record.id()).size();
        if (recipients == 0) {
            if (cleanUp.reduceRequestData(record.id()) == ErasureCleanUp.Outcome.MAILS_UNSENT) {
                throw new MailsStillWaiting(contactId);
            }
            return new ReviewErasure(record.reference(), 0);
        }
        if (cleanUp.mailsUnsent(record.id())) {
            throw new MailsStillWaiting(contactId);
        }
        notifications.markAtRetentionReview(record.id());
        // in this transaction: the erasure and the telling of its recipients commit together or not at all
        runtimeService.startProcessInstanceByMessage(ErasureProcess.MESSAGE_ERASED_AT_RETENTION_REVIEW,
                record.reference(), Map.of(ProcessVariables.REQUEST_ID, record.id()));
        return new ReviewErasure(record.reference(), recipients);
    }

    /**
     * Erases the person with the request's verified address (or the contact the request is already linked to), in
     * one transaction: the recipients to notify are noted first, then every owner erases its part. With
     * {@code keepInvoicingRecords} the register keeps the invoice links, detached, until their purge date
     * (Accounting Act); without, they go too.
     */
    @Transactional
    public Scope erase(long requestId, boolean keepInvoicingRecords) {
        DsrRequest request = requests.get(requestId);
        Optional<Long> contact = request.contactId() != null ? Optional.of(request.contactId())
                : register.findContactIdByEmail(request.requesterEmail());
        contact.ifPresent(contactId -> {
            register.lockForChange(contactId);
            // what was disclosed to whom is copied before the disclosure log goes with the person
            notifications.prepare(requestId, contactId);
        });
        PersonalDataOwner.Person person = new PersonalDataOwner.Person(requestId, contact.orElse(null),
                EmailAddresses.normalise(request.requesterEmail()));
        PersonalDataOwner.PersonErasure erasure = new PersonalDataOwner.PersonErasure(person, keepInvoicingRecords);
        Optional<LocalDate> keptUntil = owners.stream()
                .map(owner -> owner.erase(erasure))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        Scope scope = Scope.assess(contact.isPresent(), keptUntil);
        requests.recordErasureOutcome(requestId, new RequestRepository.ErasureOutcome(scope.name(),
                scope == Scope.PARTIAL ? keptUntil.orElseThrow() : null));
        return scope;
    }
}
