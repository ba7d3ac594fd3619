package fi.kivaq.dsr.request;

/** The four rights the privacy notice promises. */
public enum RequestType {
    ACCESS, RECTIFICATION, UNSUBSCRIBE, DELETION
}
