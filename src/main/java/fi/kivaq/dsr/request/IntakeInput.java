package fi.kivaq.dsr.request;

/** A request as typed by a visitor or posted as JSON, before validation: every field may be anything. */
public record IntakeInput(String type, String email, String name, String language, String details) {
}
