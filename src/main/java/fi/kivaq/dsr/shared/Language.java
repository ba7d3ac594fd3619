package fi.kivaq.dsr.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages requesters are served in; Finnish first. */
public enum Language {
    FI, SV, EN;

    public static final Language DEFAULT = FI;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(l -> l.code().equalsIgnoreCase(code.strip())).findFirst();
    }

    public static Language of(Locale locale) {
        return locale == null ? DEFAULT : fromCode(locale.getLanguage()).orElse(DEFAULT);
    }
}
