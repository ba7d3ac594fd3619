package fi.kivaq.dsr.request;

import java.util.Optional;

/**
 * The name the register holds for an address, which a digital signature must carry to prove the requester's
 * identity. Implemented by the register module (which depends on this one), so that the evidence check reads no
 * register table itself.
 */
public interface RegisteredNames {

    /** The contact's name for this address, if the address is in the register. */
    Optional<String> nameFor(String email);
}
