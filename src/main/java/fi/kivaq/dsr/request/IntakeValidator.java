package fi.kivaq.dsr.request;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Checks every field of a public request and names what is wrong with each, as message codes that the page or
 * the API turn into text in the requester's language ({@code templates/i18n/messages*.properties}).
 */
@Component
public class IntakeValidator {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 200;
    static final int MAX_DETAILS = 2000;

    // deliberately simple: one @, a dot in the domain, no spaces, quotes or brackets
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.([A-Za-z\\p{L}]{2,}|xn--[a-z0-9-]+)$");
    // names: letters of any script with their accents, spaces, hyphens, apostrophes and full stops
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{M}][\\p{L}\\p{M} .'’-]*$");
    // details: any text, but no control characters other than line breaks and tabs
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    // an address with a control, format (zero-width) or unassigned character, or a lone surrogate, can never be mailed
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]");

    private final Clock clock;

    IntakeValidator(Clock clock) {
        this.clock = clock;
    }

    /** The outcome: either a valid request or, per field, the message code of what is wrong. */
    public record Result(NewRequest request, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result validate(IntakeInput input, RequestChannel channel, Language fallbackLanguage) {
        Map<String, String> errors = new LinkedHashMap<>();

        RequestType type = null;
        if (blank(input.type())) {
            errors.put("type", "error.type.required");
        } else {
            try {
                type = RequestType.valueOf(input.type().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("type", "error.type.unknown");
            }
        }

        // canonical before anything else (NFKC, invisible spaces trimmed, IDN domain as ASCII): the limit and the
        // register see one form of the address, and one that can never be mailed is refused here
        String typed = input.email() == null ? "" : input.email().strip();
        String email = EmailAddresses.canonical(typed).orElse(typed);
        if (typed.isEmpty() || email.isEmpty()) {
            errors.put("email", "error.email.required");
        } else if (email.length() > MAX_EMAIL) {
            errors.put("email", "error.email.tooLong");
        } else if (EmailAddresses.canonical(typed).isEmpty() || !EMAIL.matcher(email).matches()
                || UNPRINTABLE.matcher(email).find()) {
            errors.put("email", "error.email.invalid");
        }

        String name = blank(input.name()) ? null : input.name().strip();
        if (name != null && name.length() > MAX_NAME) {
            errors.put("name", "error.name.tooLong");
        } else if (name != null && !NAME.matcher(name).matches()) {
            errors.put("name", "error.name.invalid");
        }

        Language language = fallbackLanguage;
        if (!blank(input.language())) {
            Optional<Language> chosen = Language.fromCode(input.language());
            if (chosen.isEmpty()) {
                errors.put("language", "error.language.unknown");
            } else {
                language = chosen.get();
            }
        }

        String details = blank(input.details()) ? null : input.details().strip();
        if (details != null && details.length() > MAX_DETAILS) {
            errors.put("details", "error.details.tooLong");
        } else if (details != null && CONTROL.matcher(details).find()) {
            errors.put("details", "error.details.invalid");
        } else if (details == null && type == RequestType.RECTIFICATION) {
            errors.put("details", "error.details.requiredForRectification");
        } else if (details == null && type == RequestType.RESTRICTION) {
            errors.put("details", "error.details.requiredForRestriction");
        }

        // an objection says what it is to: direct marketing ends at once, anything else is weighed by staff
        ObjectionTo objectionTo = null;
        if (type == RequestType.OBJECTION) {
            if (blank(input.objectionTo())) {
                errors.put("objectionTo", "error.objectionTo.required");
            } else {
                try {
                    objectionTo = ObjectionTo.valueOf(input.objectionTo().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.put("objectionTo", "error.objectionTo.unknown");
                }
            }
            if (objectionTo == ObjectionTo.LEGITIMATE_INTERESTS && details == null && !errors.containsKey("details")) {
                errors.put("details", "error.details.requiredForObjection");
            }
        }

        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new NewRequest(type, email, name, language, details, channel, clock.instant(), objectionTo),
                Map.of());
    }

    /** The language to answer in when the input's own language field cannot be trusted. */
    public static Language languageOf(IntakeInput input, Language fallback) {
        return input == null ? fallback : Language.fromCode(input.language()).orElse(fallback);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
