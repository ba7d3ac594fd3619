package fi.kivaq.dsr.verification;

import java.time.Clock;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Proof that the requester controls the address a request came from: a single-use, expiring link mailed to that
 * address and nowhere else. Opening the link changes nothing (mail scanners fetch links); only the confirm button's
 * POST does.
 */
@Service
class AddressVerification {

    static final LinkPurpose PURPOSE = new LinkPurpose("ADDRESS_VERIFICATION", "/verify/");

    private final SingleUseLinks links;
    private final RequestRepository requests;
    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final DsrProperties properties;
    private final Clock clock;

    AddressVerification(SingleUseLinks links, RequestRepository requests, MailOutbox outbox,
                        RuntimeService runtimeService, DsrProperties properties, Clock clock) {
        this.links = links;
        this.requests = requests;
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails a new verification link to the address the request came from. */
    @Transactional
    public void sendLink(long requestId) {
        DsrRequest request = requests.get(requestId);
        SingleUseLinks.IssuedLink link = links.issue(PURPOSE, requestId, requestId,
                properties.verification().linkValidity());
        requests.markVerificationRequested(requestId, clock.instant());
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "verification", request.language().code(),
                Map.of("reference", request.reference(),
                        "type", request.type().name(),
                        "link", link.url(),
                        "validUntil", link.expiresAt().atZone(DeadlineCalculator.HELSINKI).toLocalDate())).asLink());
    }

    /** The page of the link: the request's reference, type and language, never the address. */
    public LinkPage inspect(String token) {
        SingleUseLinks.Link link = links.find(PURPOSE, token);
        return link.known() ? pageOf(link.state(), requests.get(link.requestId())) : LinkPage.unknown();
    }

    /**
     * The confirm button: claims the link, marks the request verified and lets the waiting process go on, in one
     * transaction. A used, expired or unknown link changes nothing; a used one (only a committed confirm uses it)
     * answers with the success page again, so a requester who retries after a lost answer does not read a failure.
     */
    @Transactional
    public LinkPage confirm(String token) {
        LinkPage before = inspect(token);
        if (before.state() == LinkState.USED) {
            // a link is used only by a confirm that committed: this is its retry (the answer was lost, or the
            // requester pressed again), and the truthful answer is the same success page, not "link already used"
            return before.confirmedNow();
        }
        if (before.state() != LinkState.VALID) {
            return before;
        }
        var claimed = links.claim(PURPOSE, token);
        if (claimed.isEmpty()) {
            // a second click that raced the first one: the first one's claim committed (its rollback would have
            // given the link back to this one), so the request is confirmed
            boolean confirmed = links.find(PURPOSE, token).state() == LinkState.USED;
            return confirmed ? before.confirmedNow() : before.in(LinkState.USED);
        }
        long requestId = claimed.get().requestId();
        if (!requests.lockAndCheckProcessesStarted(requestId)) {
            // a quick requester: the request's processes have not started yet (they start just after filing, on
            // a busy node a few seconds later) and will find the address verified; nothing waits for a message
            requests.markVerified(requestId, clock.instant());
            return before.confirmedNow();
        }
        DsrRequest request = requests.get(requestId);
        requests.markVerified(request.id(), clock.instant());
        try {
            runtimeService.createMessageCorrelation(AddressVerificationProcess.MESSAGE_ADDRESS_VERIFIED)
                    .processInstanceBusinessKey(request.reference())
                    .setVariable(ProcessVariables.ADDRESS_VERIFIED, true)
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // the process no longer waits (it expired the request a moment ago): undo, report expired
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return before.in(LinkState.EXPIRED);
        }
        return before.confirmedNow();
    }

    /** The link expired unused: close the request and tell the address, briefly, that nothing was done. */
    @Transactional
    public void closeUnverified(long requestId) {
        DsrRequest request = requests.get(requestId);
        links.expire(PURPOSE, requestId);
        requests.markVerificationExpired(requestId, clock.instant());
        outbox.enqueue(OutgoingMail.of(requestId, request.requesterEmail(), "verification-expired",
                request.language().code(), Map.of("reference", request.reference(), "type", request.type().name())));
    }

    private static LinkPage pageOf(LinkState state, DsrRequest request) {
        return LinkPage.of(state, request.reference(), request.type(), request.language());
    }
}
