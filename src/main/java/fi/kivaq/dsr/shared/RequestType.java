package fi.kivaq.dsr.shared;

/** The rights the privacy notice promises. */
public enum RequestType {
    ACCESS, RECTIFICATION, UNSUBSCRIBE, DELETION,
    /** Restriction of processing (GDPR Art. 18). */
    RESTRICTION,
    /** Objection to processing (GDPR Art. 21), to direct marketing or on legitimate interests: {@link ObjectionTo}. */
    OBJECTION
}
