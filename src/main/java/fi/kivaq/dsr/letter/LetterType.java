package fi.kivaq.dsr.letter;

/**
 * One response letter per outcome of a data-subject request. The texts of each type live in
 * {@code templates/letters/letters_{fi,sv,en}.properties} under {@code letter.type.<NAME>.*}.
 */
public enum LetterType {
    RECEIPT,
    ACCESS_DATA,
    ACCESS_NO_DATA,
    RECTIFICATION_DONE,
    /** Some of the requested changes made, others refused with a reason. */
    RECTIFICATION_PARTIAL,
    RECTIFICATION_REFUSED,
    ERASURE_DONE,
    ERASURE_PARTIAL,
    /**
     * An erasure that found nothing of the address in the register: nothing erased, nobody to tell, no block-list
     * entry made; only the request's own records are reduced to the keyed hash.
     */
    ERASURE_NOTHING_HELD,
    UNSUBSCRIBE_CONFIRMATION,
    EXTENSION_NOTICE,
    REFUSAL,
    /** Processing restricted (GDPR Art. 18): on which ground, and which recipients were told (Art. 19). */
    RESTRICTION_GRANTED,
    RESTRICTION_REFUSED,
    /** Sent before the restriction is lifted (Art. 18(3)), with the reason. */
    RESTRICTION_LIFTED,
    /** An objection to direct marketing (Art. 21(2)-(3)): the newsletter ended at once. */
    OBJECTION_MARKETING_ENDED,
    /** An objection on legitimate interests (Art. 21(1)) upheld: the processing stops. */
    OBJECTION_UPHELD,
    /** An objection on legitimate interests refused: compelling legitimate grounds, with the reasons. */
    OBJECTION_REJECTED;

    /**
     * Letters that refuse a request in whole or in part, or answer a weighed objection or the end of a restriction,
     * must name the judicial remedy (GDPR Art. 12(4)).
     */
    boolean refusesSomething() {
        return this == RECTIFICATION_REFUSED || this == RECTIFICATION_PARTIAL || this == ERASURE_PARTIAL || this == REFUSAL
                || this == RESTRICTION_REFUSED || this == RESTRICTION_LIFTED || this == OBJECTION_UPHELD
                || this == OBJECTION_REJECTED;
    }
}
