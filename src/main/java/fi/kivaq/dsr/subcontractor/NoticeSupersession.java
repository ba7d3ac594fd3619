package fi.kivaq.dsr.subcontractor;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * A restriction lifted before a recipient confirmed its notice (GDPR Art. 18, 19): the lift notice replaces it. The
 * restriction notice is closed as superseded ({@code subcontractor_notification.superseded_at}), its link stops
 * working, and its process ends (message {@code SubcontractorNoticeSuperseded}): no reminder and no staff chase of
 * a restriction that no longer holds.
 */
@Service
class NoticeSupersession {

    private final NotificationRepository notifications;
    private final SingleUseLinks links;
    private final RuntimeService runtimeService;

    NoticeSupersession(NotificationRepository notifications, SingleUseLinks links, RuntimeService runtimeService) {
        this.notifications = notifications;
        this.links = links;
        this.runtimeService = runtimeService;
    }

    /**
     * Runs in the lift notice's own step (the one that mails it). A restriction notice whose process has not yet
     * reached its wait (its mail still due) ends there instead: its step finds it superseded and sends nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void supersedeRestrictionNotice(long liftNotificationId) {
        List<Long> superseded = notifications.supersedeRestrictionNotice(liftNotificationId);
        for (long id : superseded) {
            links.revoke(Acknowledgements.PURPOSE, id);
            runtimeService.createMessageCorrelation(SubcontractorNotificationProcess.MESSAGE_SUPERSEDED)
                    .processInstanceVariableEquals(SubcontractorNotificationProcess.NOTIFICATION_ID, id)
                    .correlateAll();
        }
    }
}
