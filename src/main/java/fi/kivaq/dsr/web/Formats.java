package fi.kivaq.dsr.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;

import fi.kivaq.dsr.shared.Language;

/**
 * Dates and times as the reader of the page writes them, in Finnish time: {@code ${formats.dateTime(instant)}},
 * {@code ${formats.date(localDate)}} (e.g. 26.11.2026 14.52 in Finnish, 26 nov. 2026 14:52 in Swedish,
 * Nov 26, 2026, 2:52 PM in English). The medium date style, never the ISO form Swedish uses for short dates.
 */
public final class Formats {

    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).format(instant.atZone(HELSINKI));
    }

    public String dateTime(OffsetDateTime time) {
        return time == null ? "" : dateTime(time.toInstant());
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
    }

    private static Locale locale() {
        return Language.of(LocaleContextHolder.getLocale()).locale();
    }
}
