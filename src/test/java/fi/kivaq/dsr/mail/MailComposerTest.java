package fi.kivaq.dsr.mail;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.MessageSource;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.TextBundles;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mail template exists in every language, renders completely, and keeps requester input inert. */
class MailComposerTest {

    private final MailComposer composer = new MailComposer(controller(), messages());

    @ParameterizedTest
    @CsvSource({
            "verification, fi, Vahvista", "verification, sv, Bekräfta", "verification, en, confirm",
            "verification-expired, fi, ei vahvistettu", "verification-expired, sv, bekräftades inte", "verification-expired, en, not confirmed",
            "unsubscribe-confirmation, fi, lopetettu", "unsubscribe-confirmation, sv, avslutad", "unsubscribe-confirmation, en, stopped",
            "newsletter, fi, uutiskirje", "newsletter, sv, nyhetsbrev", "newsletter, en, newsletter",
            "erasure-answer, fi, poistopyyntöösi", "erasure-answer, sv, radering", "erasure-answer, en, erasure request",
            "subcontractor-erasure, fi, Poista", "subcontractor-erasure, sv, Radera", "subcontractor-erasure, en, Erase",
            "subcontractor-rectification, fi, Korjaa", "subcontractor-rectification, sv, Rätta",
            "subcontractor-rectification, en, Correct"})
    void everyTemplateRendersInEveryLanguage(String template, String language, String subjectWord) {
        MailComposer.ComposedMail mail = composer.compose(template, language, model());

        assertThat(mail.subject()).containsIgnoringCase(subjectWord);
        assertThat(mail.text()).doesNotContain("[(", ")]", "${", "??", "&amp;", "&lt;");
        assertThat(mail.text()).contains("KivaQ OyAb");
        assertThat(mail.html()).contains("<html").contains("KivaQ OyAb");
    }

    @ParameterizedTest
    @CsvSource({"fi", "sv", "en"})
    void theLinkBecomesAButtonInHtmlAndStaysPlainInText(String language) {
        MailComposer.ComposedMail mail = composer.compose("verification", language, model());

        assertThat(mail.text()).contains("https://dsr.kivaq.example/verify/TOKEN");
        assertThat(mail.html()).contains("href=\"https://dsr.kivaq.example/verify/TOKEN\"");
        assertThat(mail.text()).contains("DSR-2026-00042");
    }

    @ParameterizedTest
    @CsvSource({"fi", "en"})
    void markupInValuesIsEscapedInHtml(String language) {
        Map<String, Object> model = model();
        model.put("headline", "<script>alert(1)</script>");
        MailComposer.ComposedMail mail = composer.compose("newsletter", language, model);

        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("&amp;lt;").contains("&lt;script&gt;");
        // plain text has no markup to interpret: the value stays as it was written
        assertThat(mail.subject()).contains("<script>alert(1)</script>");
    }

    private static Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "DSR-2026-00042");
        model.put("type", "ACCESS");
        model.put("link", "https://dsr.kivaq.example/verify/TOKEN");
        model.put("validUntil", LocalDate.of(2026, 12, 2));
        model.put("headline", "Kevät");
        model.put("body", "Teksti");
        model.put("unsubscribeUrl", "https://dsr.kivaq.example/unsubscribe/TOKEN");
        model.put("reminder", false);
        model.put("subcontractor", "Työpaja Oy");
        model.put("personName", "Aino Virtanen");
        model.put("personEmail", "aino@example.fi");
        model.put("disclosedOn", "2026-01-01");
        model.put("purpose", "Työpaja");
        return model;
    }

    private static ControllerProperties controller() {
        return new ControllerProperties("KivaQ OyAb", "Tohtorintie 1 as. 1", "25900", "Taalintehdas",
                "Sabina Simola-Ström", "info@kivaq.fi", "KivaQ OyAb:n asiakas- ja käyttäjärekisteri", "KivaQ");
    }

    private static MessageSource messages() {
        return TextBundles.messageSource(TextBundles.BUNDLES);
    }
}
