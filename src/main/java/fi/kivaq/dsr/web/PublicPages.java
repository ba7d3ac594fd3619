package fi.kivaq.dsr.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.RequestContextUtils;

import fi.kivaq.dsr.shared.Language;

/** The language of a public page: one of ours, whatever the cookie or header said. */
public final class PublicPages {

    private PublicPages() {
    }

    public static Language language(HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        return Language.of(locale);
    }
}
