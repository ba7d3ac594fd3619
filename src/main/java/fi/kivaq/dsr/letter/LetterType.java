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
    UNSUBSCRIBE_CONFIRMATION,
    EXTENSION_NOTICE,
    REFUSAL;

    /** Letters that refuse a request in whole or in part must name the judicial remedy (GDPR Art. 12(4)). */
    boolean refusesSomething() {
        return this == RECTIFICATION_REFUSED || this == RECTIFICATION_PARTIAL || this == ERASURE_PARTIAL || this == REFUSAL;
    }
}
