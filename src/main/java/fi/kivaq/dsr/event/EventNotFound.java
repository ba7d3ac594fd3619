package fi.kivaq.dsr.event;

import fi.kivaq.dsr.shared.NotFoundException;

/** No such event: a 404 page. */
class EventNotFound extends NotFoundException {

    EventNotFound(long id) {
        super("no event " + id);
    }
}
