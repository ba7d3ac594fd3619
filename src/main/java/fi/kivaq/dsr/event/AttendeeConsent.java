package fi.kivaq.dsr.event;

/** The consent an attendee gave at sign-up. */
public enum AttendeeConsent {
    /** Communication about this event only: no newsletter. */
    EVENT_ONLY,
    /** About the event, and the newsletter too (recorded as a newsletter consent with the text version shown). */
    EVENT_AND_NEWSLETTER
}
