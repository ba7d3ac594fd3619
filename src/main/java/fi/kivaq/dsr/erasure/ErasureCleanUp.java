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
 * bodies, letters' contents); the address is replaced by its keyed hash. Runs only once every mail about the
 * requests has been sent: until then it fails, and the engine retries it ({@code erasure.bpmn}'s retry cycle).
 */
@Service
class ErasureCleanUp {

    /** Thrown while mails about the requests are still waiting in the outbox: the clean-up must not blank them. */
    static class MailsStillPending extends RuntimeException {
        MailsStillPending(long count) {
            super(count + " mail(s) of the request are not sent yet; personal data is reduced after they are");
        }
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

    @Transactional
    public void reduceRequestData(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        if (request.requesterEmail() == null) {
            return; // already reduced: the job ran before and its transaction committed
        }
        String address = EmailAddresses.normalise(request.requesterEmail());
        List<Long> requestIds = requests.requestsOfErasedPerson(requestId, address);
        long pending = outbox.unsentCount(requestIds, address);
        if (pending > 0) {
            throw new MailsStillPending(pending);
        }
        PersonalDataOwner.RequestsToReduce reduce = new PersonalDataOwner.RequestsToReduce(requestId, requestIds,
                address, suppression.keyedHash(address));
        owners.forEach(owner -> owner.reduceRequests(reduce));
    }
}
