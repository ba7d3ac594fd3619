package fi.kivaq.dsr.letter;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.MessageSource;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.SupervisoryAuthority;
import fi.kivaq.dsr.shared.TextBundles;

/**
 * The letter bundle ({@link TextBundles#LETTERS}) of the application's {@link MessageSource}, in one language, with
 * the letter's date formats. Keys are given without their {@code letter.} prefix; a missing key is a bug and throws.
 */
final class LetterMessages {

    private static final String PREFIX = "letter.";

    private final MessageSource messages;
    private final Language language;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    LetterMessages(MessageSource messages, Language language) {
        this.messages = messages;
        this.language = language;
        Locale locale = Locale.forLanguageTag(get("date.locale"));
        this.date = DateTimeFormatter.ofPattern(get("date.pattern"), locale);
        this.dateTime = DateTimeFormatter.ofPattern(get("datetime.pattern"), locale)
                .withZone(DeadlineCalculator.HELSINKI);
    }

    Language language() {
        return language;
    }

    /** The supervisory authority's details in this language, from the bundle that letters and mails share. */
    SupervisoryAuthority authority() {
        return SupervisoryAuthority.in(messages, language);
    }

    /** The text under {@code key} with {@code {i}} replaced by {@code args[i]}, each printed as it is. */
    String get(String key, Object... args) {
        Object[] values = args.length == 0 ? null : Arrays.stream(args).map(String::valueOf).toArray();
        return messages.getMessage(PREFIX + key, values, language.locale());
    }

    /** The text under {@code prefix + code}, or the code itself when the register uses a value we have no text for. */
    String lookup(String prefix, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return messages.getMessage(PREFIX + prefix + code, null, code, language.locale());
    }

    String date(LocalDate value) {
        return value == null ? "" : date.format(value);
    }

    String dateTime(TemporalAccessor instant) {
        return instant == null ? "" : dateTime.format(instant);
    }
}
