package fi.kivaq.dsr.shared;

/** How a request that staff register reached us. */
public enum ReceivedVia {
    LETTER, EMAIL, PHONE
}
