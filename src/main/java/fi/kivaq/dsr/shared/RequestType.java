package fi.kivaq.dsr.shared;

/** The four rights the privacy notice promises. */
public enum RequestType {
    ACCESS, RECTIFICATION, UNSUBSCRIBE, DELETION
}
