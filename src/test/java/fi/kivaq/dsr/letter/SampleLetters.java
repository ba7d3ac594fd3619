package fi.kivaq.dsr.letter;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.AccessExtract.ConsentAction;
import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.TextBundles;

/** Letters and register extracts used by the tests, the benchmark and the sample image. */
final class SampleLetters {

    static final ControllerProperties CONTROLLER = new ControllerProperties("KivaQ OyAb", "Tohtorintie 1 as. 1",
            "25900", "Taalintehdas", "Sabina Simola-Ström", "info@kivaq.fi",
            "KivaQ OyAb:n asiakas- ja käyttäjärekisteri", "KivaQ", "KivaQ OyAb:s kund- och användarregister",
            "KivaQ OyAb's customer and user register");

    /** The application's message source, as {@code TextBundles} configures it. */
    static final MessageSource MESSAGES = TextBundles.messageSource(TextBundles.BUNDLES);

    static final LocalDate RECEIVED = LocalDate.of(2026, 5, 19);
    static final LocalDate ANSWERED = LocalDate.of(2026, 6, 3);
    static final LocalDate DUE = LocalDate.of(2026, 6, 22);

    private SampleLetters() {
    }

    static LetterMessages texts(String language) {
        return new LetterMessages(MESSAGES, Language.fromCode(language).orElseThrow());
    }

    static SigningProperties signing(Path devKeystore) {
        return new SigningProperties(null, "test-seal", "kivaq-seal", null, devKeystore.toString());
    }

    static AccessExtract extract() {
        return new AccessExtract(
                new AccessExtract.Contact("Åsa Öberg", "asa.oberg@example.fi", "+358 40 123 4567",
                        "Kehittämispäällikkö", "sv", "Ilmoittautui Turun messuille; toivoo ruotsinkielistä viestintää."),
                new AccessExtract.Organisation("Kemiönsaaren kunta", "0203117-9", "Yhteyshenkilö"),
                new AccessExtract.Source("EVENT_SIGN_UP", LocalDate.of(2023, 9, 14)),
                List.of(
                        new AccessExtract.ConsentEvent("NEWSLETTER", ConsentAction.GIVEN,
                                Instant.parse("2023-09-14T08:15:00Z"), "EVENT_SIGN_UP"),
                        new AccessExtract.ConsentEvent("NEWSLETTER", ConsentAction.WITHDRAWN,
                                Instant.parse("2025-02-01T18:40:00Z"), "UNSUBSCRIBE_LINK"),
                        new AccessExtract.ConsentEvent("NEWSLETTER", ConsentAction.GIVEN,
                                Instant.parse("2025-10-07T10:02:00Z"), "WEB_FORM")),
                List.of(
                        new AccessExtract.Disclosure("Työpajat Virtanen Oy", LocalDate.of(2024, 3, 5),
                                "Työpajan osallistujalista (nimi, sähköposti)"),
                        new AccessExtract.Disclosure("Fasilitointi Nieminen", LocalDate.of(2025, 11, 20),
                                "Koulutuksen ennakkotehtävä")),
                List.of(new AccessExtract.PreviousRequest("DSR-2025-00007", "RECTIFICATION",
                        LocalDate.of(2025, 1, 12), "ANSWERED")));
    }

    /** An extract long enough to fill several pages, with table rows that must break across pages. */
    static AccessExtract longExtract() {
        AccessExtract base = extract();
        List<AccessExtract.ConsentEvent> consents = new ArrayList<>();
        List<AccessExtract.Disclosure> disclosures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            consents.add(new AccessExtract.ConsentEvent("NEWSLETTER",
                    i % 2 == 0 ? ConsentAction.GIVEN : ConsentAction.WITHDRAWN,
                    Instant.parse("2020-01-01T09:00:00Z").plusSeconds(86_400L * 17 * i),
                    i % 2 == 0 ? "WEB_FORM" : "UNSUBSCRIBE_LINK"));
            disclosures.add(new AccessExtract.Disclosure("Alihankkija " + (i + 1) + " Oy",
                    LocalDate.of(2021, 1, 1).plusDays(23L * i), "Työpaja " + (i + 1) + ": osallistujalista"));
        }
        return new AccessExtract(base.contact(), base.organisation(), base.source(), consents, disclosures,
                base.previousRequests());
    }

    static LetterContent letter(LetterType type, String language) {
        String reference = "DSR-2026-00042";
        return switch (type) {
            case RECEIPT -> content(type, language, reference, DUE, null, null, List.of(), List.of(), null);
            case ACCESS_DATA -> content(type, language, reference, DUE, null, null, List.of(), List.of(), extract());
            case ACCESS_NO_DATA -> content(type, language, reference, null, null, null, List.of(), List.of(), null);
            case RECTIFICATION_DONE -> content(type, language, reference, null, null, null,
                    List.of("Työpajat Virtanen Oy"), List.of("Sukunimi: Öberg → Öberg-Lindqvist"), null);
            case RECTIFICATION_PARTIAL -> content(type, language, reference, null,
                    "Tehtävänimike on organisaation ilmoittama, emmekä voi muuttaa sitä ilman sen vahvistusta.", null,
                    List.of("Työpajat Virtanen Oy"), List.of("Sukunimi: Öberg → Öberg-Lindqvist",
                            "Rooli: ei muutettu (pyysit: Toimitusjohtaja)"), null);
            case RECTIFICATION_REFUSED -> content(type, language, reference, null,
                    "Pyydetty tehtävänimike ei vastaa organisaation ilmoittamaa tietoa.", null, List.of(),
                    List.of(), null);
            case ERASURE_DONE -> content(type, language, reference, null, null, null,
                    List.of("Työpajat Virtanen Oy", "Fasilitointi Nieminen"),
                    List.of("Yhteystiedot asiakkuudenhallinnasta", "Uutiskirjeen tilaus ja suostumushistoria"), null);
            case ERASURE_NOTHING_HELD -> content(type, language, reference, null, null, null, List.of(),
                    List.of("Asiakasrekisterissämme ei ollut tietoja tästä sähköpostiosoitteesta."), null);
            case ERASURE_PARTIAL -> content(type, language, reference, null, null, LocalDate.of(2032, 12, 31),
                    List.of("Työpajat Virtanen Oy"), List.of("Yhteystiedot asiakasrekisteristä"),
                    null);
            case UNSUBSCRIBE_CONFIRMATION -> content(type, language, reference, null, null, null, List.of(),
                    List.of(), null);
            case EXTENSION_NOTICE -> content(type, language, reference, LocalDate.of(2026, 8, 19),
                    "Pyyntö koskee useita rekistereitä ja alihankkijoita.", null, List.of(), List.of(), null);
            case REFUSAL -> content(type, language, reference, null,
                    "Sama pyyntö on tehty 14 kertaa kuukauden aikana.", null, List.of(), List.of(), null);
            case RESTRICTION_GRANTED -> content(type, language, reference, null,
                    "Kiistät sukunimesi oikeellisuuden; tarkistamme sen organisaatioltasi.", null,
                    List.of("Työpajat Virtanen Oy"), List.of("Art. 18(1)(a)"), null);
            case RESTRICTION_REFUSED, OBJECTION_REJECTED, OBJECTION_UPHELD -> content(type, language, reference, null,
                    "Perustelut: tiedot ovat tarpeen laskutuksessa.", null, List.of(), List.of("Art. 18(1)(a)"), null);
            case RESTRICTION_LIFTED -> content(type, language, reference, null,
                    "Sukunimesi on tarkistettu organisaatioltasi ja se on oikein.", null, List.of(), List.of(), null);
            case OBJECTION_MARKETING_ENDED -> content(type, language, reference, null, null, null, List.of(),
                    List.of(), null);
        };
    }

    private static LetterContent content(LetterType type, String language, String reference, LocalDate due,
            String reason, LocalDate purge, List<String> notified, List<String> changes, AccessExtract extract) {
        return new LetterContent(type, language, reference, "Åsa Öberg", "asa.oberg@example.fi", RECEIVED, ANSWERED,
                due, reason, purge, notified, changes, extract);
    }

    static LetterContent longAccessLetter(String language) {
        return new LetterContent(LetterType.ACCESS_DATA, language, "DSR-2026-00099", "Åsa Öberg",
                "asa.oberg@example.fi", RECEIVED, ANSWERED, DUE, null, null, List.of(), List.of(), longExtract());
    }
}
