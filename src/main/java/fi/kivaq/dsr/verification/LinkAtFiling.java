package fi.kivaq.dsr.verification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestQueued;
import fi.kivaq.dsr.request.RequestRepository;

/**
 * The verification link of a public request is mailed in the transaction that files it, so that it does not wait
 * for the engine: the outbox sends it on its own lane, with its own threads, right after the commit. The
 * address-verification process, which starts just after, then only waits for the confirmation:
 * {@code ${linkAtFiling.mailed(requestId)}} in bpmn/address-verification.bpmn.
 */
@Component("linkAtFiling")
public class LinkAtFiling {

    private final AddressVerification verification;
    private final RequestRepository requests;

    LinkAtFiling(AddressVerification verification, RequestRepository requests) {
        this.verification = verification;
        this.requests = requests;
    }

    @EventListener
    void mailLink(RequestQueued queued) {
        if (queued.verificationRequired()) {
            verification.sendLink(queued.requestId());
        }
    }

    /** Whether the request's link was mailed when it was filed (a request staff register gets it from the process). */
    public boolean mailed(long requestId) {
        return requests.get(requestId).verificationRequestedAt() != null;
    }
}
