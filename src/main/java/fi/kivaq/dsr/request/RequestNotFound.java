package fi.kivaq.dsr.request;

import fi.kivaq.dsr.shared.NotFoundException;

/** No request has this id or reference: a mistyped address on a staff page, or a request reduced away. */
public class RequestNotFound extends NotFoundException {

    private RequestNotFound(String message) {
        super(message);
    }

    public static RequestNotFound withId(long id) {
        return new RequestNotFound("No request has the id " + id + ".");
    }

    public static RequestNotFound withReference(String reference) {
        return new RequestNotFound("No request has the reference " + reference + ".");
    }
}
