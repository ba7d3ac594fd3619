package fi.kivaq.dsr.subcontractor;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.verification.LinkPage;
import fi.kivaq.dsr.verification.LinkPurpose;
import fi.kivaq.dsr.verification.LinkState;
import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * A recipient's confirmation link: the page shows the request's reference in the recipient's language; the button
 * records the confirmation and lets the recipient's notification process end. The link never expires: a late
 * confirmation still counts.
 */
@Service
class Acknowledgements {

    static final LinkPurpose PURPOSE =
            new LinkPurpose("SUBCONTRACTOR_ACKNOWLEDGEMENT", "/acknowledge/");

    private final SingleUseLinks links;
    private final NotificationRepository notifications;
    private final RequestRepository requests;
    private final RuntimeService runtimeService;

    Acknowledgements(SingleUseLinks links, NotificationRepository notifications, RequestRepository requests,
                     RuntimeService runtimeService) {
        this.links = links;
        this.notifications = notifications;
        this.requests = requests;
        this.runtimeService = runtimeService;
    }

    public LinkPage inspect(String token) {
        SingleUseLinks.Link link = links.find(PURPOSE, token);
        if (!link.known()) {
            return LinkPage.unknown();
        }
        return notifications.findById(link.subjectId())
                .map(notification -> pageOf(link.state(), notification))
                .orElse(LinkPage.unknown());
    }

    /** The confirm button: records the confirmation and lets the recipient's process end. */
    @Transactional
    public LinkPage acknowledge(String token) {
        LinkPage before = inspect(token);
        if (before.state() != LinkState.VALID) {
            return before;
        }
        var claimed = links.claim(PURPOSE, token);
        if (claimed.isEmpty()) {
            return before.in(LinkState.USED);
        }
        long notificationId = claimed.get().subjectId();
        if (!notifications.recordAcknowledged(notificationId, "LINK")) {
            // staff recorded it by hand a moment ago
            return before.in(LinkState.USED);
        }
        try {
            runtimeService.createMessageCorrelation(SubcontractorNotificationProcess.MESSAGE_ACKNOWLEDGED)
                    .processInstanceVariableEquals(SubcontractorNotificationProcess.NOTIFICATION_ID, notificationId)
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // the wait already ended (staff chase it, or the answer went): the confirmation still counts
            return before.in(LinkState.USED);
        }
        return before.confirmedNow();
    }

    private LinkPage pageOf(LinkState state, NotificationRepository.Notification notification) {
        DsrRequest request = requests.findById(notification.requestId()).orElse(null);
        return LinkPage.of(state, request == null ? "" : request.reference(),
                request == null ? null : request.type(),
                Language.fromCode(notification.language()).orElse(null));
    }
}
