package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * The access letter's retention section lists every category of the retention policy with the period configured in
 * {@code dsr.retention.*} (Art. 15(1)(d), issue 11), in the letter's language, in the PDF and in {@code data.json}.
 * Before, the section said only that the need is reviewed regularly.
 */
class AccessLetterRetentionTest {

    /** Periods no default has, so that the letter can only have taken them from this policy. */
    private static final RetentionPolicy POLICY = new RetentionPolicy("06-30", 8, Period.ofYears(2), Period.ofYears(1),
            Period.ofYears(5), Period.ofYears(4), Period.ofMonths(18), Period.ofMonths(9), Period.ofYears(7),
            Period.ofMonths(6), Period.ofDays(30), "0 30 2 * * ?");

    private final ResponseLetterRenderer renderer = new ResponseLetterRenderer(SampleLetters.CONTROLLER,
            SampleLetters.MESSAGES, POLICY);

    @ParameterizedTest
    @CsvSource({
        "fi, 2 vuotta, 8 vuotta, 5 vuotta, 4 vuotta, 18 kuukautta, 6 kuukautta, 9 kuukautta, 7 vuotta",
        "sv, 2 år, 8 år, 5 år, 4 år, 18 månader, 6 månader, 9 månader, 7 år",
        "en, 2 years, 8 years, 5 years, 4 years, 18 months, 6 months, 9 months, 7 years"})
    void everyCategoryWithItsConfiguredPeriodInThePdfAndInDataJson(String language, String contacts,
            String invoices, String requests, String letters, String evidence, String extracts, String mails,
            String log) throws Exception {
        LetterMessages texts = SampleLetters.texts(language);
        byte[] pdf = renderer.render(SampleLetters.letter(LetterType.ACCESS_DATA, language));
        // a paragraph may run over a page break: read the text without the footers between the pages
        String text = PdfChecks.flat(PdfChecks.text(pdf)).replaceAll(" ?KivaQ OyAb · [^·]+ · info@kivaq\\.fi \\d+/\\d+", "");

        List<String> expected = new ArrayList<>();
        expected.add(entry(texts, "CONTACT", contacts));
        expected.add(entry(texts, "NEWSLETTER", null));
        expected.add(PdfChecks.flat(texts.get("retention.entry", texts.get("retention.INVOICE.label"),
                texts.get("retention.INVOICE", invoices, "30.6."))));
        expected.add(entry(texts, "REQUEST", requests));
        expected.add(entry(texts, "LETTER", letters));
        expected.add(entry(texts, "EVIDENCE", evidence));
        expected.add(entry(texts, "EXTRACT", extracts));
        expected.add(entry(texts, "MAIL", mails));
        expected.add(entry(texts, "LOG", log));
        assertThat(text).containsSubsequence(expected);
        assertThat(text).contains(texts.get("retention.REQUEST", requests)).contains(requests);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] data = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("data.json")
                    .getEmbeddedFile().toByteArray();
            JsonNode retention = new ObjectMapper().readTree(data).get("retention");
            List<String> periods = new ArrayList<>();
            retention.forEach(entry -> periods.add(entry.get("category").asText() + "=" + entry.get("period").asText()));
            assertThat(periods).containsExactly("CONTACT=P2Y", "NEWSLETTER=null", "INVOICE=P8Y", "REQUEST=P5Y",
                    "LETTER=P4Y", "EVIDENCE=P18M", "EXTRACT=P6M", "MAIL=P9M", "LOG=P7Y");
            assertThat(retention.get(3).get("text").asText()).isEqualTo(texts.get("retention.REQUEST", requests));
        }
    }

    private static String entry(LetterMessages texts, String category, String period) {
        String text = period == null ? texts.get("retention." + category) : texts.get("retention." + category, period);
        return PdfChecks.flat(texts.get("retention.entry", texts.get("retention." + category + ".label"), text));
    }
}
