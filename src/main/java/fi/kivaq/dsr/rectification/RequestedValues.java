package fi.kivaq.dsr.rectification;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The values a form asks for, checked field by field against the rules and the register's current values. */
final class RequestedValues {

    private RequestedValues() {
    }

    /**
     * The requested values that differ from the current ones, normalised; a problem (message key) for each one that
     * is not valid. Blank means "no change requested".
     */
    static Map<Field, String> of(Map<Field, String> newValues, Map<Field, String> current, Map<String, String> problems) {
        Map<Field, String> wanted = new EnumMap<>(Field.class);
        newValues.forEach((field, raw) -> {
            if (raw == null || raw.isBlank()) {
                return;
            }
            Optional<String> problem = field.problemWith(raw);
            if (problem.isPresent()) {
                problems.put(field.name(), problem.get());
                return;
            }
            String value = field.normalised(raw);
            if (!value.equals(current.get(field))) {
                wanted.put(field, value);
            }
        });
        return wanted;
    }
}
