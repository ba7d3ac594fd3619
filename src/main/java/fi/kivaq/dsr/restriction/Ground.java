package fi.kivaq.dsr.restriction;

/** The grounds of GDPR Art. 18(1) on which processing is restricted; {@link #NONE} for a refusal. */
enum Ground {
    /** (a) the person contests the accuracy of the data, for the time needed to verify it. */
    ACCURACY_CONTESTED,
    /** (b) the processing is unlawful and the person opposes erasure, asking for restriction instead. */
    UNLAWFUL_PROCESSING,
    /** (c) KivaQ no longer needs the data, but the person needs it for legal claims. */
    LEGAL_CLAIMS,
    /** (d) the person has objected (Art. 21(1)), pending the weighing of KivaQ's grounds. */
    OBJECTION_PENDING,
    /** No ground applies: the request is refused. */
    NONE
}
