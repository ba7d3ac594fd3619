package fi.kivaq.dsr.newsletter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import fi.kivaq.dsr.shared.Language;

/**
 * A newsletter sign-up as typed on the page or sent to the API, and what is wrong with it (message keys of the
 * pages' bundle, the same as the request form's where the field is the same).
 *
 * @param textVersion the consent text version the person was shown; null: the current one
 */
record SignUpInput(String email, String name, String language,
                   @JsonProperty("consentTextVersion") String textVersion) {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 200;
    // the request form's rule (IntakeValidator): one address, no display name, a dot in the domain
    private static final Pattern EMAIL = Pattern.compile(
            "^[^\\s@<>()\\[\\],;:\"\\\\]{1,64}@[^\\s@<>()\\[\\],;:\"\\\\_]+\\.[A-Za-z\\p{L}]{2,}$");
    private static final Pattern UNPRINTABLE = Pattern.compile("\\p{Cntrl}");

    String strippedEmail() {
        return email == null ? "" : email.strip();
    }

    String strippedName() {
        return name == null || name.isBlank() ? null : name.strip();
    }

    /** The language asked for, else the page's. */
    Language languageOr(Language pageLanguage) {
        return Language.fromCode(language).orElse(pageLanguage);
    }

    /** Field name to message key; empty when the sign-up can go ahead. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        String address = strippedEmail();
        if (address.isEmpty()) {
            errors.put("email", "error.email.required");
        } else if (address.length() > MAX_EMAIL) {
            errors.put("email", "error.email.tooLong");
        } else if (!EMAIL.matcher(address).matches() || UNPRINTABLE.matcher(address).find()) {
            errors.put("email", "error.email.invalid");
        }
        if (name != null && (name.length() > MAX_NAME || UNPRINTABLE.matcher(name).find())) {
            errors.put("name", "newsletter.error.name");
        }
        if (language != null && !language.isBlank() && Language.fromCode(language).isEmpty()) {
            errors.put("language", "newsletter.error.language");
        }
        if (textVersion != null && (textVersion.length() > 40 || UNPRINTABLE.matcher(textVersion).find())) {
            errors.put("consentTextVersion", "newsletter.error.textVersion");
        }
        return errors;
    }
}
