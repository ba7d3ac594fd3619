package fi.kivaq.dsr.erasure;

import java.util.List;

import org.springframework.core.OrderComparator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * After the answer: every request of the erased person keeps its reference, type, dates and outcome, and every owner
 * reduces the rest of its records of those requests (addresses, names, details, notes, extracts, evidence, mails'
 * bodies, letters' contents); the address is replaced by its keyed hash. Only once every mail about the requests,
 * or to the address, has left the outbox: until then nothing is reduced, and {@code erasure.bpmn} waits for the
 * outbox's {@link fi.kivaq.dsr.mail.MailSent} ({@link LastMailSentListener}).
 */
@Service
class ErasureCleanUp {

    /** What {@link #reduceRequestData} found. */
    enum Outcome {
        /** Reduced now, or already before. */
        REDUCED,
        /** Mails about the requests are still waiting in the outbox: nothing was reduced, they must not be blanked. */
        MAILS_UNSENT
    }

    private final RequestRepository requests;
    private final MailOutbox outbox;
    private final NewsletterSuppression suppression;
    private final List<PersonalDataOwner> owners;

    ErasureCleanUp(RequestRepository requests, MailOutbox outbox, NewsletterSuppression suppression,
                   List<PersonalDataOwner> owners) {
        this.requests = requests;
        this.outbox = outbox;
        this.suppression = suppression;
        this.owners = owners.stream().sorted(OrderComparator.INSTANCE).toList();
    }

    /**
     * The unsent mails are counted and locked in this transaction, so that one sent meanwhile is announced only
     * after the process, having found it unsent, waits for it.
     */
    @Transactional
    public Outcome reduceRequestData(long requestId) {
        DsrRequest request = requests.get(requestId);
        if (request.requesterEmail() == null) {
            return Outcome.REDUCED; // already reduced: the job ran before and its transaction committed
        }
        String address = EmailAddresses.normalise(request.requesterEmail());
        List<Long> requestIds = requests.requestsOfErasedPerson(requestId, address);
        if (outbox.lockUnsent(requestIds, address) > 0) {
            return Outcome.MAILS_UNSENT;
        }
        PersonalDataOwner.RequestsToReduce reduce = new PersonalDataOwner.RequestsToReduce(requestId, requestIds,
                address, suppression.keyedHash(address));
        owners.forEach(owner -> owner.reduceRequests(reduce));
        return Outcome.REDUCED;
    }

    /** Whether a mail about the erasure's requests, or to its address, is still waiting in the outbox. */
    @Transactional(readOnly = true)
    public boolean mailsUnsent(long requestId) {
        DsrRequest request = requests.get(requestId);
        if (request.requesterEmail() == null) {
            return false;
        }
        String address = EmailAddresses.normalise(request.requesterEmail());
        return outbox.unsentCount(requests.requestsOfErasedPerson(requestId, address), address) > 0;
    }
}
