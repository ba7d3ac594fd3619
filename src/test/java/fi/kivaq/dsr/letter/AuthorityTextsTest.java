package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.kivaq.dsr.mail.RequesterMails;
import fi.kivaq.dsr.shared.Language;

/**
 * Every letter and every mail a requester receives names the supervisory authority as it publishes itself in the
 * requester's language (name, street address, P.O. Box, postcode and city, web address with its complaint form),
 * gives the right to lodge a complaint (GDPR Art. 77) and, where it refuses, limits or does not act on something,
 * the right to take KivaQ to a district court (Art. 79, Art. 12(4)). No text uses the wrong street name, the Finnish
 * or Swedish wording for an appeal against an authority's decision, or calls the keyed suppression hash
 * "non-identifying" (it is pseudonymised data, Recital 26).
 */
class AuthorityTextsTest {

    /** What a text in each language must say; written out here, not read from the bundles it checks. */
    record Expected(List<String> authority, List<String> complaint, List<String> court, List<String> never) {
    }

    private static final Map<Language, Expected> EXPECTED = Map.of(
            Language.FI, new Expected(
                    List.of("Tietosuojavaltuutetun toimisto", "Lintulahdenkuja 4, 00530 Helsinki",
                            "PL 800, 00531 Helsinki", "tietosuoja.fi"),
                    List.of("oikeus tehdä valitus", "lomakkeella"),
                    List.of("käräjäoikeu", "79 artikla"),
                    List.of("sinetti", "sinetöi", "sinetil", "hakea muutosta", "muutoksenhaku", "liikekirjeenvaihto",
                            "peruminen")),
            Language.SV, new Expected(
                    List.of("Dataombudsmannens byrå", "Fågelviksgränden 4, 00530 Helsingfors",
                            "PB 800, 00531 Helsingfors", "tietosuoja.fi/sv"),
                    List.of("rätt att lämna in klagomål", "formulär"),
                    List.of("tingsrätt", "artikel 79"),
                    List.of("Lintulahdenkuja", "sigill", "söka ändring", "Förfallodag", "affärskorrespondens")),
            Language.EN, new Expected(
                    List.of("Office of the Data Protection Ombudsman", "Lintulahdenkuja 4, 00530 Helsinki, Finland",
                            "P.O. Box 800, 00531 Helsinki", "tietosuoja.fi/en"),
                    List.of("right to lodge a complaint", "complaint form"),
                    List.of("district court", "Article 79"),
                    List.of("business correspondence")));

    /** In every language, in every text. */
    private static final List<String> NEVER = List.of("Dammviksgränden", "hakea muutosta", "söka ändring",
            "non-identifying", "PL 800, 00531 Helsingfors");

    /** Requester mails that refuse, limit or do not act on (part of) a request, or put off the answer. */
    private static final Set<String> MAILS_WITH_COURT_ACTION = Set.of("access-refusal", "erasure-answer",
            "rectification-answer", "extension-notice", "verification-expired", "restriction-answer", "objection-answer");

    private final ResponseLetterRenderer renderer = new ResponseLetterRenderer(SampleLetters.CONTROLLER,
            SampleLetters.MESSAGES);

    static Stream<Arguments> everyLetter() {
        return Stream.of(Language.values()).flatMap(language ->
                Stream.of(LetterType.values()).map(type -> Arguments.of(type, language)));
    }

    static Stream<Arguments> everyRequesterMail() {
        return Stream.of(Language.values()).flatMap(language ->
                RequesterMails.templates().stream().map(template -> Arguments.of(template, language)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyLetter")
    void everyLetterNamesTheAuthorityAndTheRemedies(LetterType type, Language language) throws Exception {
        String text = PdfChecks.flat(PdfChecks.text(renderer.render(SampleLetters.letter(type, language.code()))));

        check(type + " in " + language.code(), text, language, type.refusesSomething());
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyRequesterMail")
    void everyRequesterMailNamesTheAuthorityAndTheRemedies(String template, Language language) {
        String text = PdfChecks.flat(RequesterMails.text(template, language));

        check(template + " in " + language.code(), text, language, MAILS_WITH_COURT_ACTION.contains(template));
    }

    @Test
    void theRequesterMailsAreThoseWeExpect() {
        assertThat(RequesterMails.templates()).contains("verification", "verification-expired", "access-refusal",
                "erasure-answer", "unsubscribe-confirmation").doesNotContain("newsletter", "subcontractor-erasure");
    }

    /** Also the texts no test renders: every bundle, mail template and page, in every language. */
    @Test
    void noTextFileUsesTheWrongWords() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(properties|txt|html)$")).toList()) {
                String text = Files.readString(file);
                for (String wrong : NEVER) {
                    if (text.contains(wrong)) {
                        found.add(file + ": " + wrong);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static void check(String what, String text, Language language, boolean courtAction) {
        Expected expected = EXPECTED.get(language);
        SoftAssertions softly = new SoftAssertions();
        for (String part : expected.authority()) {
            softly.assertThat(text).as(what + ": the authority").contains(part);
        }
        for (String part : expected.complaint()) {
            softly.assertThat(text).as(what + ": the right to complain").containsIgnoringCase(part);
        }
        for (String part : expected.court()) {
            if (courtAction) {
                softly.assertThat(text).as(what + ": the court action against us").contains(part);
            }
        }
        for (String wrong : expected.never()) {
            softly.assertThat(text).as(what).doesNotContainIgnoringCase(wrong);
        }
        for (String wrong : NEVER) {
            softly.assertThat(text).as(what).doesNotContain(wrong);
        }
        softly.assertAll();
    }
}
