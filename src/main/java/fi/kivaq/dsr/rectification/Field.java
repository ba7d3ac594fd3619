package fi.kivaq.dsr.rectification;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import fi.kivaq.dsr.register.ContactField;
import fi.kivaq.dsr.shared.Language;

/** The register fields a rectification can change, each with the register's field it changes and its rules. */
public enum Field {
    NAME(ContactField.NAME, 200),
    EMAIL(ContactField.EMAIL, 254),
    ROLE(ContactField.ROLE, 100),
    LANGUAGE(ContactField.LANGUAGE, 2);

    private static final Pattern EMAIL_ADDRESS =
            Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final ContactField contactField;
    private final int maxLength;

    Field(ContactField contactField, int maxLength) {
        this.contactField = contactField;
        this.maxLength = maxLength;
    }

    ContactField contactField() {
        return contactField;
    }

    /** The register's values in this module's terms. */
    static Map<Field, String> valuesOf(Map<ContactField, String> register) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        for (Field field : values()) {
            values.put(field, register.get(field.contactField));
        }
        return values;
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
