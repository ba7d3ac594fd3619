package fi.kivaq.dsr.rectification;

import fi.kivaq.dsr.shared.NotFoundException;

/** A rectification page addressed by the reference of a request that is not a rectification request. */
class RectificationNotFound extends NotFoundException {

    RectificationNotFound(String reference) {
        super("The request " + reference + " is not a rectification request.");
    }
}
