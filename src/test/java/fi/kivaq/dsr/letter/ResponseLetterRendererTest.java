package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.Language;

class ResponseLetterRendererTest {

    private final ResponseLetterRenderer renderer = new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES);

    static Stream<Arguments> everyTypeInEveryLanguage() {
        return Stream.of(Language.values()).map(Language::code).flatMap(language ->
                Stream.of(LetterType.values()).map(type -> Arguments.of(type, language)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyTypeInEveryLanguage")
    void rendersTheRequiredStatements(LetterType type, String language) throws Exception {
        LetterContent content = SampleLetters.letter(type, language);
        LetterMessages texts = SampleLetters.texts(language);

        String text = PdfChecks.flat(PdfChecks.text(renderer.render(content)));

        assertThat(text)
                .contains("DSR-2026-00042")
                .contains("KivaQ OyAb")
                .contains("Tohtorintie 1 as. 1")
                .contains("Sabina Simola-Ström")
                .contains("Åsa Öberg")
                .contains(texts.date(SampleLetters.RECEIVED))
                .contains(texts.date(SampleLetters.ANSWERED))
                .contains(PdfChecks.flat(texts.get("type." + type + ".subject")))
                .contains(PdfChecks.flat(texts.get("type." + type + ".statement", content.recipientEmail())))
                .contains(PdfChecks.flat(texts.get("authority.text")))
                .contains(texts.authority().name())
                .contains(texts.authority().streetAddress())
                .contains(texts.authority().postalAddress())
                .contains("tietosuoja@om.fi")
                .contains("+358 29 566 6700")
                .containsPattern("\\b1/\\d\\b");
        if (type.refusesSomething()) {
            assertThat(text).contains(PdfChecks.flat(texts.get("authority.judicial")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void receiptAndExtensionStateTheDueDate(String language) throws Exception {
        LetterMessages texts = SampleLetters.texts(language);
        String receipt = PdfChecks.flat(PdfChecks.text(renderer.render(SampleLetters.letter(LetterType.RECEIPT, language))));
        assertThat(receipt).contains(PdfChecks.flat(texts.get("type.RECEIPT.due", texts.date(SampleLetters.DUE))));

        LetterContent extension = SampleLetters.letter(LetterType.EXTENSION_NOTICE, language);
        String text = PdfChecks.flat(PdfChecks.text(renderer.render(extension)));
        assertThat(text)
                .contains(PdfChecks.flat(texts.get("type.EXTENSION_NOTICE.due", texts.date(extension.dueDate()))))
                .contains(extension.reason());
    }

    static Stream<String> languages() {
        return Stream.of(Language.values()).map(Language::code);
    }

    @Test
    void accessLetterShowsTheExtractAndTheArticle15Information() throws Exception {
        LetterMessages texts = SampleLetters.texts("en");
        // a paragraph may run over a page break: read the text without the footers between the pages
        String text = PdfChecks.flat(PdfChecks.text(renderer.render(SampleLetters.letter(LetterType.ACCESS_DATA, "en"))))
                .replaceAll(" ?KivaQ OyAb · [^·]+ · info@kivaq\\.fi \\d+/\\d+", "");

        assertThat(text)
                .contains("asa.oberg@example.fi", "+358 40 123 4567", "Kemiönsaaren kunta", "0203117-9")
                .contains("Event sign-up", "14 September 2023")
                .contains("Given", "Withdrawn", "Unsubscribe link")
                .contains("Työpajat Virtanen Oy", "Fasilitointi Nieminen", "5 March 2024")
                .contains("DSR-2025-00007", "Rectification", "Answered")
                .contains("data.json");
        for (String item : List.of("purposes", "categories", "recipients", "retention", "rights", "complaint",
                "source", "automated")) {
            assertThat(text).contains(texts.get("art15." + item + ".label"))
                    .contains(PdfChecks.flat(texts.get("art15." + item, "info@kivaq.fi", "KivaQ")));
        }
    }

    @Test
    void rectificationAndErasureNameWhatChangedAndWhoWasTold() throws Exception {
        String rectified = PdfChecks.flat(PdfChecks.text(renderer.render(
                SampleLetters.letter(LetterType.RECTIFICATION_DONE, "fi"))));
        assertThat(rectified).contains("Sukunimi: Öberg → Öberg-Lindqvist", "Työpajat Virtanen Oy");

        String partial = PdfChecks.flat(PdfChecks.text(renderer.render(
                SampleLetters.letter(LetterType.ERASURE_PARTIAL, "sv"))));
        LetterMessages sv = SampleLetters.texts("sv");
        assertThat(partial)
                .containsSubsequence(sv.get("section.erased"), "Yhteystiedot asiakasrekisteristä", sv.get("section.kept"))
                .contains(sv.get("section.kept") + " " + sv.get("partial.purge", "31.12.2032"))
                .contains(PdfChecks.flat(sv.get("partial.defaultGround")))
                .contains(PdfChecks.flat(sv.get("erasure.suppression")))
                .contains(PdfChecks.flat(sv.get("erasure.afterwards")));
    }

    @Test
    void longContentFlowsOverNumberedPagesAndIsPrintedLiterally() throws Exception {
        String name = "Åsa Öberg-Łukasiewicz <script>";
        StringBuilder details = new StringBuilder();
        while (details.length() < 5_000) {
            details.append("Żółć gęślą jaźń, Šiaulių ąčęėįšųūž, Rīga āēīķļņ, Smørrebrød æøå, Straße é ü ß. ");
        }
        String longWord = "x".repeat(400);
        AccessExtract base = SampleLetters.extract();
        AccessExtract extract = new AccessExtract(
                new AccessExtract.Contact(name, "asa@example.pl", null, longWord, "en",
                        details.substring(0, 5_000)),
                base.organisation(), base.source(), base.consentHistory(), base.disclosures(),
                base.previousRequests());
        LetterContent content = new LetterContent(LetterType.ACCESS_DATA, "en", "DSR-2026-00100", name,
                "asa@example.pl", SampleLetters.RECEIVED, SampleLetters.ANSWERED, null, null, null, List.of(),
                List.of(), extract);

        byte[] pdf = renderer.render(content);

        List<String> pages = PdfChecks.pageTexts(pdf);
        assertThat(pages.size()).isGreaterThan(2);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains((i + 1) + "/" + pages.size());
        }
        String text = PdfChecks.text(pdf);
        assertThat(text).contains(name);
        // the notes continue on the next page: take the page footers out before comparing
        String body = text.replaceAll("\\s+", "")
                .replaceAll("KivaQOyAb·Tohtorintie1as\\.1,25900Taalintehdas·info@kivaq\\.fi\\d+/\\d+", "");
        assertThat(body.contains(details.substring(0, 5_000).replaceAll("\\s+", "")))
                .as("the 5,000 characters of notes are printed literally").isTrue();
        assertThat(body.contains(longWord)).as("a 400-character word is broken over lines, not lost").isTrue();
    }

    @Test
    void tablesRepeatTheirHeaderRowOnEveryPageTheyContinueOn() throws Exception {
        List<String> pages = PdfChecks.pageTexts(renderer.render(SampleLetters.longAccessLetter("en")));

        int consentPages = 0;
        int disclosurePages = 0;
        for (String page : pages) {
            String text = PdfChecks.flat(page);
            if (text.contains("Unsubscribe link")) {
                consentPages++;
                assertThat(text).contains("Time Purpose Event Channel");
            }
            if (text.matches(".*Alihankkija \\d+ Oy.*")) {
                disclosurePages++;
                assertThat(text).contains("Subcontractor Date Purpose");
            }
        }
        assertThat(consentPages).isGreaterThan(1);
        assertThat(disclosurePages).isGreaterThan(1);
        // no row is lost or split between pages
        String all = PdfChecks.flat(String.join(" ", pages));
        for (int i = 1; i <= 40; i++) {
            assertThat(all).contains("Alihankkija " + i + " Oy").contains("Työpaja " + i + ": osallistujalista");
        }
    }

    @Test
    void aLetterWithoutRecipientNameGreetsWithoutName() throws Exception {
        LetterContent content = new LetterContent(LetterType.UNSUBSCRIBE_CONFIRMATION, "sv", "DSR-2026-00103", null,
                "anon@example.com", SampleLetters.RECEIVED, SampleLetters.ANSWERED, null, null, null, null, null, null);

        String text = PdfChecks.text(renderer.render(content));

        assertThat(text).contains("Hej,").contains("anon@example.com").doesNotContain("null");
    }

    @Test
    void charactersTheFontLacksAreReplacedInsteadOfFailing() throws Exception {
        LetterContent content = new LetterContent(LetterType.ACCESS_NO_DATA, "fi", "DSR-2026-00101",
                "李小龍 \uD83D\uDE00 Zoë\u0007", "lee@example.com", SampleLetters.RECEIVED, SampleLetters.ANSWERED,
                null, null, null, null, null, null);

        String text = PdfChecks.text(renderer.render(content));

        assertThat(text).contains("Zoë").doesNotContain("李").contains("\uFFFD");
    }

    @Test
    void fontsAreEmbeddedSubsetsAndNoStandardFontIsUsed() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.letter(LetterType.ACCESS_DATA, "sv"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = PdfChecks.fonts(document);
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                assertThat(font.getName()).contains("DejaVuSans").matches("[A-Z]{6}\\+.*");
            });
        }
    }

    @Test
    void unknownLanguageIsRejected() {
        LetterContent content = new LetterContent(LetterType.RECEIPT, "de", "DSR-2026-00102", null, "a@example.com",
                SampleLetters.RECEIVED, SampleLetters.ANSWERED, SampleLetters.DUE, null, null, null, null, null);
        assertThatThrownBy(() -> renderer.render(content)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void theLetterheadNamesTheRegisterInTheLettersLanguage(String language) throws Exception {
        String text = PdfChecks.flat(PdfChecks.text(renderer.render(SampleLetters.letter(LetterType.RECEIPT, language))));

        String expected = SampleLetters.CONTROLLER.registerName(Language.fromCode(language).orElseThrow());
        assertThat(text).contains(expected);
        if (!language.equals("fi")) {
            assertThat(text).doesNotContain("asiakas- ja käyttäjärekisteri");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void receiptsExtensionsAndRefusalsNameTheKindOfRequest(String language) throws Exception {
        LetterMessages texts = SampleLetters.texts(language);
        for (LetterType type : List.of(LetterType.RECEIPT, LetterType.EXTENSION_NOTICE, LetterType.REFUSAL)) {
            LetterContent base = SampleLetters.letter(type, language);
            LetterContent content = new LetterContent(base.type(), base.language(), base.reference(),
                    base.recipientName(), base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                    base.reason(), base.purgeDate(), base.notifiedRecipients(), base.changes(), base.extract(),
                    fi.kivaq.dsr.shared.RequestType.DELETION, fi.kivaq.dsr.shared.VerificationState.VERIFIED);

            String text = PdfChecks.flat(PdfChecks.text(renderer.render(content)));

            assertThat(text).as(type.name())
                    .contains(PdfChecks.flat(texts.get("label.requestType") + ": " + texts.get("requestKind.DELETION")))
                    .doesNotContain(PdfChecks.flat(texts.get("label.requestType") + ": " + texts.get("type." + type + ".request")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void theReceiptSaysHowTheAddressWasCheckedOnlyAsItWas(String language) throws Exception {
        LetterMessages texts = SampleLetters.texts(language);
        LetterContent base = SampleLetters.letter(LetterType.RECEIPT, language);
        String pending = PdfChecks.flat(texts.get("type.RECEIPT.verified", base.recipientEmail()));
        for (var state : fi.kivaq.dsr.shared.VerificationState.values()) {
            LetterContent content = new LetterContent(base.type(), base.language(), base.reference(),
                    base.recipientName(), base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(),
                    null, null, List.of(), List.of(), null, fi.kivaq.dsr.shared.RequestType.ACCESS, state);
            String text = PdfChecks.flat(PdfChecks.text(renderer.render(content)));
            switch (state) {
                case VERIFIED -> assertThat(text).doesNotContain(pending)
                        .contains(PdfChecks.flat(texts.get("type.RECEIPT.verified.confirmed", base.recipientEmail())));
                case NOT_REQUIRED -> assertThat(text).doesNotContain(pending)
                        .doesNotContain(PdfChecks.flat(texts.get("type.RECEIPT.verified.confirmed", base.recipientEmail())))
                        .contains(PdfChecks.flat(texts.get("type.RECEIPT.verified.notRequired", base.recipientEmail())));
                default -> assertThat(text).contains(pending);
            }
        }
    }
}
