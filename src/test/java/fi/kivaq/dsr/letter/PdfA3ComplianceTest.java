package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.kivaq.dsr.shared.Language;

/** veraPDF's verdict on the sealed letters: each type once, the languages taking turns. */
class PdfA3ComplianceTest {

    @TempDir
    static Path keys;

    private static LetterService service;

    @BeforeAll
    static void createService() {
        service = new LetterService(new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES),
                new PadesSigner(SampleLetters.signing(keys.resolve("seal.p12"))));
    }

    static Stream<Arguments> everyType() {
        Language[] languages = Language.values();
        LetterType[] types = LetterType.values();
        return Stream.iterate(0, i -> i + 1).limit(types.length)
                .map(i -> Arguments.of(types[i], languages[i % languages.length].code()));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyType")
    void sealedLetterIsPdfA3b(LetterType type, String language) throws Exception {
        byte[] pdf = service.renderSigned(SampleLetters.letter(type, language));

        assertThat(PdfChecks.pdfA3bFailures(pdf)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = PdfChecks.fonts(document);
            assertThat(fonts).isNotEmpty().allSatisfy(font ->
                    assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue());
            assertThat(document.getSignatureDictionaries()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void longSealedAccessLetterIsPdfA3b(String language) throws Exception {
        byte[] pdf = service.renderSigned(SampleLetters.longAccessLetter(language));

        assertThat(PdfChecks.pdfA3bFailures(pdf)).isEmpty();
    }

    /** Guards the guard: the same check must fail for a letter without its PDF/A declaration. */
    @org.junit.jupiter.api.Test
    void aPdfWithoutPdfADeclarationIsRejected() throws Exception {
        byte[] letter = new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES)
                .render(SampleLetters.letter(LetterType.RECEIPT, "en"));
        byte[] stripped;
        try (PDDocument document = Loader.loadPDF(letter)) {
            document.getDocumentCatalog().setMetadata(null);
            document.getDocumentCatalog().getCOSObject().removeItem(org.apache.pdfbox.cos.COSName.OUTPUT_INTENTS);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            document.save(out);
            stripped = out.toByteArray();
        }

        assertThat(PdfChecks.pdfA3bFailures(stripped)).isNotEmpty();
    }

    static Stream<String> languages() {
        return Stream.of(Language.values()).map(Language::code);
    }
}
