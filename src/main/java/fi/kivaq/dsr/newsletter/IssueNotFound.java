package fi.kivaq.dsr.newsletter;

import fi.kivaq.dsr.shared.NotFoundException;

/** No such newsletter issue (or no such language of one): a 404 page. */
class IssueNotFound extends NotFoundException {

    IssueNotFound(String message) {
        super(message);
    }
}
