package fi.kivaq.dsr.subcontractor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.verification.SingleUseLinks;

/** A recipient that did not confirm in time: staff chase it, and record the confirmation they obtain by hand. */
@Service
class NotificationEscalation {

    private final NotificationRepository notifications;
    private final SingleUseLinks links;

    NotificationEscalation(NotificationRepository notifications, SingleUseLinks links) {
        this.notifications = notifications;
        this.links = links;
    }

    @Transactional
    public void markEscalated(long notificationId) {
        notifications.markEscalated(notificationId);
    }

    /** Staff recorded the confirmation themselves (phone, e-mail): the mailed link no longer works. */
    @Transactional
    public void recordByHand(long notificationId) {
        if (notifications.recordAcknowledged(notificationId, "BY_HAND")) {
            links.revoke(Acknowledgements.PURPOSE, notificationId);
        }
    }
}
