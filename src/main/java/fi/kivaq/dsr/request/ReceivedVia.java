package fi.kivaq.dsr.request;

/** How a request that staff register reached us. */
public enum ReceivedVia {
    LETTER, EMAIL, PHONE
}
