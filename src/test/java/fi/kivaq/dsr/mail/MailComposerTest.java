package fi.kivaq.dsr.mail;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.MessageSource;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;
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
            "subcontractor-erasure, fi, poistaminen", "subcontractor-erasure, sv, Radering", "subcontractor-erasure, en, Erasure",
            "subcontractor-rectification, fi, oikaiseminen", "subcontractor-rectification, sv, Rättelse",
            "subcontractor-rectification, en, Rectification",
            "subcontractor-restriction-lifted, fi, rajoitus päättyy", "subcontractor-restriction-lifted, sv, upphör",
            "subcontractor-restriction-lifted, en, lifted"})
    void everyTemplateRendersInEveryLanguage(String template, String language, String subjectWord) {
        MailComposer.ComposedMail mail = composer.compose(template, language, model());

        assertThat(mail.subject()).containsIgnoringCase(subjectWord);
        assertThat(mail.text()).doesNotContain("[(", ")]", "${", "??", "&amp;", "&lt;");
        assertThat(mail.text()).contains("KivaQ OyAb");
        assertThat(mail.html()).contains("<html").contains("KivaQ OyAb");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theLinkBecomesAButtonInHtmlAndStaysPlainInText(Language language) {
        MailComposer.ComposedMail mail = composer.compose("verification", language.code(), model());

        assertThat(mail.text()).contains("https://dsr.kivaq.example/verify/TOKEN");
        assertThat(mail.html()).contains("href=\"https://dsr.kivaq.example/verify/TOKEN\"");
        assertThat(mail.text()).contains("DSR-2026-00042");
        // the button says what it does in the mail's language, not the 80-character address
        assertThat(mail.html()).contains(">" + messages().getMessage("mail.link.button", null, language.locale()) + "</a>")
                .doesNotContain(">https://dsr.kivaq.example/verify/TOKEN</a>");
    }

    @ParameterizedTest
    @CsvSource({"fi, vahvistaneet sähköpostiosoitteesi", "sv, bekräftat din e-postadress",
            "en, verified your e-mail address"})
    void theReceiptSaysTheAddressWasVerifiedOnlyWhenItWas(String language, String verifiedWords) {
        Map<String, Object> verified = new java.util.HashMap<>(model());
        verified.put("addressVerified", true);
        Map<String, Object> notNeeded = new java.util.HashMap<>(model());
        notNeeded.put("addressVerified", false);

        assertThat(composer.compose("access-receipt", language, verified).text()).contains(verifiedWords);
        assertThat(composer.compose("access-receipt", language, notNeeded).text()).doesNotContain(verifiedWords)
                .contains("DSR-2026-00042");
    }

    @ParameterizedTest
    @CsvSource({"fi, säilytysaikojemme tarkistuksessa, rekisteröity on pyytänyt",
            "sv, granskning av våra lagringstider, den registrerade har bett",
            "en, reviewed how long we keep data, a data subject has asked"})
    void anErasureAtARetentionReviewTellsTheRecipientThatNobodyAskedForIt(String language, String reviewWords,
                                                                         String requestWords) {
        Map<String, Object> review = new java.util.HashMap<>(model());
        review.put("retentionReview", true);

        assertThat(composer.compose("subcontractor-erasure", language, review).text()).contains(reviewWords)
                .doesNotContain(requestWords).contains("Aino Virtanen");
        assertThat(composer.compose("subcontractor-erasure", language, model()).text()).contains(requestWords)
                .doesNotContain(reviewWords);
    }

    @ParameterizedTest
    @CsvSource({"fi, uutiskirje", "sv, nyhetsbrev", "en, newsletter"})
    void theAnswerToAnErasureThatFoundNothingHeldMentionsNoNewsletterBlockList(String language, String newsletter) {
        Map<String, Object> nothingHeld = new java.util.HashMap<>(model());
        nothingHeld.put("nothingHeld", true);

        assertThat(composer.compose("erasure-answer", language, nothingHeld).text()).doesNotContain(newsletter)
                .contains("DSR-2026-00042");
        assertThat(composer.compose("erasure-answer", language, model()).text()).contains(newsletter);
    }

    @Test
    void mailsAreSignedWithTheAddressTheyComeFrom() {
        MailComposer sending = new MailComposer(controller(), messages(),
                new MailProperties("KivaQ OyAb <tietosuoja@kivaq.fi>", null, null, null, 30, null, 0, 3));

        assertThat(sending.compose("verification", "fi", model()).text())
                .endsWith("\n\nYstävällisin terveisin\nKivaQ OyAb\ntietosuoja@kivaq.fi\n");
        assertThat(sending.compose("subcontractor-erasure", "en", model()).text())
                .endsWith("Sabina Simola-Ström, tietosuoja@kivaq.fi\n");
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

    @Test
    void everyMailEndsWithTheLayoutsSignOffFilledFromTheConfiguredController() {
        ControllerProperties other = new ControllerProperties("Testi Oy", "Testikatu 1", "00100", "Helsinki",
                "Tessa Testaaja", "tietosuoja@testi.example", "Testi Oy:n rekisteri", "Testi");
        MailComposer configured = new MailComposer(other, messages());

        assertThat(configured.compose("verification", "sv", model()).text())
                .endsWith("\n\nMed vänliga hälsningar\nTesti Oy\ntietosuoja@testi.example\n")
                .doesNotContain("KivaQ");
        assertThat(configured.compose("subcontractor-erasure", "en", model()).text())
                .endsWith("\n\nKind regards\nTesti Oy\nTessa Testaaja, tietosuoja@testi.example\n");
        MailComposer.ComposedMail newsletter = configured.compose("newsletter", "fi", model());
        assertThat(newsletter.subject()).startsWith("Testi:n uutiskirje");
        assertThat(newsletter.text()).endsWith("/unsubscribe/TOKEN\n\nTesti Oy\n");
        assertThat(newsletter.html()).contains("<p>\n      <span>Testi Oy</span>\n    </p>");
    }

    @Test
    void staffMailsHaveOneFinnishTemplateAndTheSystemsSignOff() {
        Map<String, Object> model = model();
        model.put("dueDate", "2.12.2026");
        model.put("extended", false);
        model.put("workingDaysLeft", 2);
        model.put("requestUrl", "https://dsr.kivaq.example/staff/requests/DSR-2026-00042");
        model.put("dashboardUrl", "https://dsr.kivaq.example/staff/dashboard");
        OutgoingMail mail = OutgoingMail.toStaff(1L, "staff@kivaq.example", "deadline-reminder", model);

        MailComposer.ComposedMail composed = composer.compose(mail.template(), mail.language(), mail.model());

        assertThat(mail.language()).isEqualTo(Language.FI.code());
        assertThat(composed.subject()).startsWith("Muistutus: DSR-2026-00042");
        assertThat(composed.text()).contains("(tarkastuspyyntö)").endsWith("\n\nKivaQ DSR\n");
    }

    static Map<String, Object> model() {
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

    static ControllerProperties controller() {
        return new ControllerProperties("KivaQ OyAb", "Tohtorintie 1 as. 1", "25900", "Taalintehdas",
                "Sabina Simola-Ström", "info@kivaq.fi", "KivaQ OyAb:n asiakas- ja käyttäjärekisteri", "KivaQ");
    }

    static MessageSource messages() {
        return TextBundles.messageSource(TextBundles.BUNDLES);
    }
}
