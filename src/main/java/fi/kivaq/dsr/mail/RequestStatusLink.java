package fi.kivaq.dsr.mail;

import java.util.Optional;

/**
 * Where a requester follows their request: every mail about a request to the requester's own address ends with this
 * link (the status module provides it; without that module mails carry none).
 */
public interface RequestStatusLink {

    /** A status page address for a mail about the request to this recipient; empty when the recipient is not the requester. */
    Optional<String> urlFor(long requestId, String recipient);
}
