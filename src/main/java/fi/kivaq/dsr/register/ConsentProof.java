package fi.kivaq.dsr.register;

/**
 * What a newsletter consent was given to, so that KivaQ can prove it (GDPR Art. 7(1)): the version of the consent
 * text the person saw, the language it was shown in, and where it was given (e.g. {@code SIGN_UP_PAGE}).
 */
public record ConsentProof(String textVersion, String language, String source) {
}
