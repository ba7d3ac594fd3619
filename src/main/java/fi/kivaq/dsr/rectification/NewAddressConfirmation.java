package fi.kivaq.dsr.rectification;

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
import fi.kivaq.dsr.verification.LinkPage;
import fi.kivaq.dsr.verification.LinkPurpose;
import fi.kivaq.dsr.verification.LinkState;
import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * A new e-mail address is used only once its owner confirms it: a single-use link goes to the new address, and
 * nothing else does until it is confirmed; unconfirmed in time, the address change lapses.
 */
@Service
class NewAddressConfirmation {

    static final LinkPurpose PURPOSE = new LinkPurpose("NEW_ADDRESS_CONFIRMATION", "/confirm-address/");

    private final RectificationRecords records;
    private final RequestRepository requests;
    private final SingleUseLinks links;
    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final DsrProperties properties;

    NewAddressConfirmation(RectificationRecords records, RequestRepository requests, SingleUseLinks links,
                           MailOutbox outbox, RuntimeService runtimeService, DsrProperties properties) {
        this.records = records;
        this.requests = requests;
        this.links = links;
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    /** Mails a single-use link to the new address staff approved; an earlier link stops working. */
    @Transactional
    public void send(long requestId) {
        DsrRequest request = requests.get(requestId);
        String newAddress = records.approvedChange(requestId, Field.EMAIL)
                .orElseThrow(() -> new IllegalStateException(request.reference() + " has no approved new address"))
                .newValue();
        SingleUseLinks.IssuedLink link = links.issue(PURPOSE, requestId, requestId,
                properties.verification().linkValidity());
        records.clearAddressConfirmation(requestId);
        outbox.enqueue(OutgoingMail.of(requestId, newAddress, "address-confirmation", request.language().code(),
                Map.of("reference", request.reference(),
                        "link", link.url(),
                        "validUntil", link.expiresAt().atZone(DeadlineCalculator.HELSINKI).toLocalDate())).asLink());
    }

    /** The link's page: the request's reference and language, never the address, old or new. */
    public LinkPage inspect(String token) {
        SingleUseLinks.Link link = links.find(PURPOSE, token);
        if (!link.known()) {
            return LinkPage.unknown();
        }
        DsrRequest request = requests.get(link.requestId());
        return LinkPage.of(link.state(), request.reference(), request.type(), request.language());
    }

    /** The confirm button on the new address's link: the process goes on to change the register. */
    @Transactional
    public LinkPage confirm(String token) {
        LinkPage before = inspect(token);
        if (before.state() != LinkState.VALID) {
            return before;
        }
        var claimed = links.claim(PURPOSE, token);
        if (claimed.isEmpty()) {
            return before.in(LinkState.USED);
        }
        long requestId = claimed.get().requestId();
        records.markAddressConfirmed(requestId);
        try {
            runtimeService.createMessageCorrelation(RectificationProcess.MESSAGE_NEW_ADDRESS_CONFIRMED)
                    .processInstanceVariableEquals(ProcessVariables.REQUEST_ID, requestId)
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // the process stopped waiting a moment ago (the link's time ran out): the change has lapsed
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return before.in(LinkState.EXPIRED);
        }
        return before.confirmedNow();
    }

    /** The new address was never confirmed: the address stays as it was; the rest of the decision stands. */
    @Transactional
    public void lapse(long requestId) {
        records.markAddressChangeLapsed(requestId);
    }
}
