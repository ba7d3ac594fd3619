package fi.kivaq.dsr.access;

import fi.kivaq.dsr.shared.NotFoundException;

/** A part of a request's staff page that the request does not have: a letter preview, an evidence file. */
class AccessPageNotFound extends NotFoundException {

    AccessPageNotFound(String message) {
        super(message);
    }
}
