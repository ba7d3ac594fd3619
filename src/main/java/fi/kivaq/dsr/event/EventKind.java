package fi.kivaq.dsr.event;

/** What kind of event KivaQ held. */
public enum EventKind {
    TRAINING, LECTURE, FAIR, WORKSHOP, WEBINAR, OTHER
}
