package fi.kivaq.dsr.rectification;

import fi.kivaq.dsr.shared.NotFoundException;

/** A correction proposed for a contact that is not (or no longer) in the register. */
class ContactNotFound extends NotFoundException {

    ContactNotFound(long contactId) {
        super("No contact " + contactId + " in the register.");
    }
}
