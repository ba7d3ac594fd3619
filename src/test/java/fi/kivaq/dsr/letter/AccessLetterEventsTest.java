package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fi.kivaq.dsr.shared.AccessExtract;

/**
 * The access letter lists the events the person attended, with the consent given at each and the consent text's
 * version where it included the newsletter, read back from the rendered PDF in every language; a person who attended
 * nothing gets no such section.
 */
class AccessLetterEventsTest {

    private final ResponseLetterRenderer renderer =
            new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fi | Tapahtumat, joihin osallistuit | Tapahtumaa koskeva viestintä ja uutiskirje (suostumusteksti, versio 2026-11-26) | Messut",
        "sv | Evenemang som du deltog i | Kommunikation om evenemanget och nyhetsbrevet (samtyckestext, version 2026-11-26) | Mässa",
        "en | Events you attended | Communication about the event and the newsletter (consent text, version 2026-11-26) | Fair"})
    void theLetterListsTheEventsAttendedWithTheConsentGivenAtEach(String language, String heading, String consent,
                                                                  String kind) throws Exception {
        AccessExtract base = SampleLetters.extract();
        AccessExtract extract = new AccessExtract(base.contact(), base.organisation(), base.source(),
                base.consentHistory(), base.disclosures(), base.previousRequests(), base.invoiceLinks(),
                base.staffNotes(), base.staffViews(), base.transfers(), List.of(
                        new AccessExtract.EventAttended("Kevätmessut 2026", LocalDate.of(2026, 5, 20), "FAIR",
                                "EVENT_AND_NEWSLETTER", "2026-11-26", LocalDate.of(2026, 5, 21))));

        String text = PdfChecks.flat(PdfChecks.text(renderer.render(letter(language, extract))));
        String without = PdfChecks.flat(PdfChecks.text(renderer.render(letter(language, base))));

        assertThat(text).contains(heading).contains("Kevätmessut 2026").contains(consent).contains(kind);
        assertThat(without).doesNotContain(heading);
    }

    private static LetterContent letter(String language, AccessExtract extract) {
        return new LetterContent(LetterType.ACCESS_DATA, language, "DSR-2026-00200", "Aino Virtanen",
                "aino@example.fi", SampleLetters.RECEIVED, SampleLetters.ANSWERED, null, null, null, List.of(),
                List.of(), extract);
    }
}
