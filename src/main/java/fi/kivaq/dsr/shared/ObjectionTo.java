package fi.kivaq.dsr.shared;

/** What an objection (GDPR Art. 21) is to, as the person chose it on the form. */
public enum ObjectionTo {
    /** Art. 21(2)-(3): absolute; the newsletter ends at once. */
    DIRECT_MARKETING,
    /** Art. 21(1): processing on legitimate interests; staff weigh it and answer with reasons. */
    LEGITIMATE_INTERESTS
}
