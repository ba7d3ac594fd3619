package fi.kivaq.dsr.request;

/**
 * A request as typed by a visitor or posted as JSON, before validation: every field may be anything.
 *
 * @param objectionTo for an objection only: {@code DIRECT_MARKETING} or {@code LEGITIMATE_INTERESTS}
 */
public record IntakeInput(String type, String email, String name, String language, String details,
                          String objectionTo) {

    public IntakeInput(String type, String email, String name, String language, String details) {
        this(type, email, name, language, details, null);
    }
}
