package fi.kivaq.dsr.rectification;

import java.util.Optional;
import java.util.regex.Pattern;

import fi.kivaq.dsr.shared.Language;

/** The register fields a rectification can change, each with the contact column it lives in and its rules. */
public enum Field {
    NAME("name", 200),
    EMAIL("email", 254),
    ROLE("role", 100),
    LANGUAGE("language", 2);

    private static final Pattern EMAIL_ADDRESS =
            Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final String column;
    private final int maxLength;

    Field(String column, int maxLength) {
        this.column = column;
        this.maxLength = maxLength;
    }

    String column() {
        return column;
    }

    /**
     * The value as it would be stored, or empty with the message key of what is wrong with it. Blank means "no
     * change requested" and is the caller's business.
     */
    public Optional<String> problemWith(String value) {
        String v = value.strip();
        if (v.length() > maxLength) {
            return Optional.of("rectification.error.tooLong");
        }
        if (CONTROL.matcher(v).find()) {
            return Optional.of("rectification.error.invalid");
        }
        return switch (this) {
            case EMAIL -> EMAIL_ADDRESS.matcher(v).matches() ? Optional.empty() : Optional.of("rectification.error.email");
            case LANGUAGE -> Language.fromCode(v).isPresent() ? Optional.empty() : Optional.of("rectification.error.language");
            case NAME, ROLE -> Optional.empty();
        };
    }

    /** The stored form: trimmed; a language as its lower-case code. */
    public String normalised(String value) {
        String v = value.strip();
        return this == LANGUAGE
                ? Language.fromCode(v).orElseThrow(() -> new IllegalArgumentException("not a language code: " + v)).code()
                : v;
    }
}
