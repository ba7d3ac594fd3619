package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The letter texts of one language, read from {@code templates/letters/<lang>/letters.properties} (UTF-8).
 * Placeholders are {@code {0}}, {@code {1}}…; there is no other markup, so a quote is just a quote.
 */
final class LetterTexts {

    static final Set<String> LANGUAGES = Set.of("fi", "sv", "en");
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final Map<String, LetterTexts> CACHE = new ConcurrentHashMap<>();

    private final String language;
    private final Properties texts;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    private LetterTexts(String language, Properties texts) {
        this.language = language;
        this.texts = texts;
        Locale locale = Locale.forLanguageTag(require("date.locale"));
        this.date = DateTimeFormatter.ofPattern(require("date.pattern"), locale);
        this.dateTime = DateTimeFormatter.ofPattern(require("datetime.pattern"), locale).withZone(HELSINKI);
    }

    static LetterTexts forLanguage(String language) {
        String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("Unsupported letter language: " + language);
        }
        return CACHE.computeIfAbsent(lang, LetterTexts::load);
    }

    private static LetterTexts load(String lang) {
        String resource = "templates/letters/" + lang + "/letters.properties";
        try (InputStream in = LetterTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing letter texts " + resource);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return new LetterTexts(lang, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String language() {
        return language;
    }

    /** The text under {@code key} with {@code {i}} replaced by {@code args[i]}; a missing key is a bug. */
    String get(String key, Object... args) {
        String text = require(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** The text under {@code prefix + code}, or the code itself when the register uses a value we have no text for. */
    String lookup(String prefix, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return texts.getProperty(prefix + code, code);
    }

    boolean has(String key) {
        return texts.containsKey(key);
    }

    String date(LocalDate value) {
        return value == null ? "" : date.format(value);
    }

    String dateTime(TemporalAccessor instant) {
        return instant == null ? "" : dateTime.format(instant);
    }

    private String require(String key) {
        String value = texts.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("Missing letter text '" + key + "' for language " + language);
        }
        return value;
    }
}
