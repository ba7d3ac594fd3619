package fi.kivaq.dsr.shared;

/** Where a request came in. */
public enum RequestChannel {
    WEB_FORM, API, ONE_CLICK, STAFF
}
