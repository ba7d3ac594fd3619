package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.MessageSource;

/**
 * Every text exists in every {@link Language}: the bundles' key sets are equal, every requester and subcontractor
 * mail has a template in each language with the same headers, and a missing text fails instead of coming out in
 * another language.
 */
class TextBundlesTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static final Path MAIL = TEMPLATES.resolve("mail");

    static Stream<String> bundles() {
        return TextBundles.BUNDLES.stream();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyLanguageHasTheSameKeys(String bundle) {
        Map<Language, Set<String>> keys = new TreeMap<>();
        for (Language language : Language.values()) {
            keys.put(language, load(TextBundles.file(bundle, language)).stringPropertyNames());
        }
        assertThat(missingKeys(keys)).as("keys missing from " + bundle + ", by language").isEmpty();
    }

    /** For each language, the keys another language has and it lacks. */
    static Map<Language, Set<String>> missingKeys(Map<Language, Set<String>> keys) {
        Set<String> all = keys.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        Map<Language, Set<String>> missing = new TreeMap<>();
        keys.forEach((language, own) -> {
            Set<String> lacking = new TreeSet<>(all);
            lacking.removeAll(own);
            if (!lacking.isEmpty()) {
                missing.put(language, lacking);
            }
        });
        return missing;
    }

    @Test
    void missingKeysAreListedByLanguage() {
        Map<Language, Set<String>> keys = Map.of(
                Language.FI, Set.of("a", "b"), Language.SV, Set.of("a"), Language.EN, Set.of("a", "b", "c"));

        assertThat(missingKeys(keys)).isEqualTo(Map.of(Language.FI, Set.of("c"), Language.SV, Set.of("b", "c")));
    }

    @Test
    void noBundleHasABaseFileAndNoKeyIsInTwoBundles() {
        Map<String, String> owner = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        for (String bundle : TextBundles.BUNDLES) {
            assertThat(TextBundlesTest.class.getClassLoader().getResource(bundle + ".properties"))
                    .as("a base file " + bundle + ".properties would answer for a missing language").isNull();
            for (String key : load(TextBundles.file(bundle, Language.DEFAULT)).stringPropertyNames()) {
                String previous = owner.put(key, bundle);
                if (previous != null) {
                    twice.add(key + " in " + previous + " and " + bundle);
                }
            }
        }
        assertThat(twice).isEmpty();
        assertThat(owner).allSatisfy((key, bundle) -> {
            if (bundle.equals(TextBundles.LETTERS)) {
                assertThat(key).startsWith("letter.");
            } else if (bundle.equals(TextBundles.MAIL)) {
                assertThat(key).startsWith("mail.");
            } else if (bundle.equals(TextBundles.AUTHORITY)) {
                assertThat(key).startsWith("authority.");
            } else {
                assertThat(key).doesNotStartWith("letter.").doesNotStartWith("mail.").doesNotStartWith("authority.");
            }
        });
    }

    @Test
    void everyMailTemplateExistsInEveryLanguageWithTheSameHeaders() throws IOException {
        Map<Language, Set<String>> templates = new TreeMap<>();
        for (Language language : Language.values()) {
            try (Stream<Path> files = Files.list(MAIL.resolve(language.code()))) {
                templates.put(language, files.map(file -> file.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(templates.get(Language.DEFAULT)).contains("verification.txt", "subcontractor-erasure.txt");
        assertThat(missingKeys(templates)).as("mail templates missing, by language").isEmpty();

        try (Stream<Path> entries = Files.list(MAIL)) {
            Set<String> folders = entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toSet());
            Set<String> expected = Stream.of(Language.values()).map(Language::code).collect(Collectors.toSet());
            expected.add("staff");
            assertThat(folders).as("a folder per language, and staff/ for our own staff").isEqualTo(expected);
        }

        for (String template : templates.get(Language.DEFAULT)) {
            Set<List<String>> headers = new HashSet<>();
            for (Language language : Language.values()) {
                List<String> lines = Files.readAllLines(MAIL.resolve(language.code()).resolve(template));
                assertThat(lines.get(0)).as(language.code() + "/" + template).startsWith("Subject:");
                headers.add(lines.stream().skip(1)
                        .takeWhile(line -> line.startsWith("Sign-off:") || line.startsWith("Remedies:")).toList());
            }
            assertThat(headers).as("the sign-off and remedies of " + template + " in every language").hasSize(1);
        }
    }

    @Test
    void textsDoNotTypeTheControllersDetails() throws IOException {
        ControllerProperties defaults = new ControllerProperties("KivaQ OyAb", "Tohtorintie 1 as. 1", "25900",
                "Taalintehdas", "Sabina Simola-Ström", "info@kivaq.fi", "KivaQ OyAb:n asiakas- ja käyttäjärekisteri",
                "KivaQ");
        List<String> typed = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String bundle : TextBundles.BUNDLES) {
            for (Language language : Language.values()) {
                files.add(Path.of(TextBundles.file(bundle, language)));
            }
        }
        try (Stream<Path> all = Files.walk(TEMPLATES)) {
            all.filter(file -> file.toString().endsWith(".txt") || file.toString().endsWith(".html"))
                    .filter(file -> !file.startsWith(MAIL.resolve("staff")))
                    .forEach(files::add);
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                // in a page, the text of an element with th:text is only a preview that the value replaces
                String line = lines.get(i).replaceAll("th:text=\"[^\"]*\">[^<]*<", "")
                        .replaceAll("<title th:text[^<]*<", "").replace("KivaQ DSR", "");
                for (String value : List.of(defaults.shortName(), defaults.streetAddress(), defaults.email(),
                        defaults.contactPerson())) {
                    if (line.contains(value)) {
                        typed.add(file + ":" + (i + 1) + " types '" + value + "'");
                    }
                }
            }
        }
        assertThat(typed).as("texts should take these from dsr.controller.*").isEmpty();
    }

    @Test
    void aMissingTextFailsInsteadOfComingOutInAnotherLanguage() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Language.FI.locale());
        try {
            MessageSource texts = TextBundles.messageSource(List.of("texts-test/sample"));

            assertThat(texts.getMessage("both", null, Language.SV.locale())).isEqualTo("båda");
            assertThat(texts.getMessage("onlyFinnish", null, Language.FI.locale())).isEqualTo("vain suomeksi");
            assertThatThrownBy(() -> texts.getMessage("onlyFinnish", null, Language.SV.locale()))
                    .isInstanceOf(TextBundles.MissingTextException.class)
                    .hasMessageContaining("onlyFinnish").hasMessageContaining("sv");
            assertThat(texts.getMessage("onlyFinnish", null, "default", Language.SV.locale())).isEqualTo("default");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aQuoteIsJustAQuoteWithOrWithoutArguments() {
        MessageSource texts = TextBundles.messageSource(TextBundles.BUNDLES);

        assertThat(texts.getMessage("filed.text", new Object[] {"DSR-2026-00042"}, Language.EN.locale()))
                .startsWith("Your request's reference is DSR-2026-00042.");
        assertThat(texts.getMessage("letter.datetime.pattern", null, Language.FI.locale()))
                .isEqualTo("d.M.yyyy 'klo' HH.mm");
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = TextBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
