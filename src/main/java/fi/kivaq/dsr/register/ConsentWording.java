package fi.kivaq.dsr.register;

import java.util.Optional;

/**
 * The exact words of a consent text version, for the access copy (Art. 15(3), Art. 7(1)): the register records which
 * version a consent was given to ({@link ConsentProof}); the module that publishes the texts (the newsletter's)
 * implements this, so that the register depends on none of them.
 */
public interface ConsentWording {

    /** The text of the version in the language, if this module published it. */
    Optional<String> wording(String textVersion, String language);
}
