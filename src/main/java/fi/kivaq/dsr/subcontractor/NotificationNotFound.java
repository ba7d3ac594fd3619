package fi.kivaq.dsr.subcontractor;

import fi.kivaq.dsr.shared.NotFoundException;

/** A notification-process step for a notification that does not exist (any more). */
class NotificationNotFound extends NotFoundException {

    NotificationNotFound(long id) {
        super("No subcontractor notification has the id " + id + ".");
    }
}
