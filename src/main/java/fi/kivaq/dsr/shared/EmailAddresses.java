package fi.kivaq.dsr.shared;

import java.util.Locale;

/** The one normalisation of an e-mail address used for every lookup and uniqueness check. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
