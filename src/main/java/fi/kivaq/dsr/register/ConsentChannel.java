package fi.kivaq.dsr.register;

/** How a newsletter consent was given or withdrawn. */
public enum ConsentChannel {
    SIGN_UP_FORM, EVENT, ORDER_FORM, ONE_CLICK, REQUEST_FORM, STAFF
}
