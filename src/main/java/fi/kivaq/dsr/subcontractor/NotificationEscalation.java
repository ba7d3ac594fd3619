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

    /** False when the notice was superseded meanwhile (a restriction lifted): then nobody is to chase it. */
    @Transactional
    public boolean markEscalated(long notificationId) {
        return notifications.markEscalatedUnlessSuperseded(notificationId);
    }

    /** Staff recorded the confirmation themselves (phone, e-mail): the mailed link no longer works. */
    @Transactional
    public void recordByHand(long notificationId) {
        if (notifications.recordAcknowledged(notificationId, "BY_HAND")) {
            links.revoke(Acknowledgements.PURPOSE, notificationId);
        }
    }
}
