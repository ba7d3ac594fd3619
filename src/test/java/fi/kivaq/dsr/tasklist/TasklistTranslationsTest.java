package fi.kivaq.dsr.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Our Finnish and Swedish translations of Camunda Tasklist and the webapps' welcome page
 * ({@code app/tasklist/locales/fi.json}, {@code sv.json}, the same under {@code app/welcome/}) are complete for the
 * webapps on the classpath: exactly the keys of their own {@code en.json} (read from Camunda's webjar, so an upgrade
 * that adds or renames a text fails here), every {@code {{placeholder}}} and every link or line break of the English
 * text kept, and no text left empty where the English has one.
 */
class TasklistTranslationsTest {

    private static final String APPS = "META-INF/resources/webjars/camunda/app/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
    private static final Pattern MARKUP = Pattern.compile("</?(a|br)\\b[^>]*>");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist/locales/fi", "tasklist/locales/sv", "welcome/locales/fi", "welcome/locales/sv"})
    void hasExactlyTheKeysOfCamundasEnglish(String language) {
        Map<String, String> english = texts(english(language));
        Map<String, String> translated = texts(language);
        assertThat(translated.keySet()).as(language + ".json's keys").containsExactlyElementsOf(english.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist/locales/fi", "tasklist/locales/sv", "welcome/locales/fi", "welcome/locales/sv"})
    void keepsEveryPlaceholderAndLinkAndTranslatesEveryText(String language) {
        Map<String, String> english = texts(english(language));
        Map<String, String> translated = texts(language);
        english.forEach((key, text) -> {
            String translation = translated.getOrDefault(key, "");
            assertThat(all(PLACEHOLDER, translation)).as("placeholders of %s in %s.json", key, language)
                    .containsExactlyInAnyOrderElementsOf(all(PLACEHOLDER, text));
            assertThat(all(MARKUP, translation)).as("links and line breaks of %s in %s.json", key, language)
                    .containsExactlyElementsOf(all(MARKUP, text));
            if (!text.isBlank()) {
                assertThat(translation).as("%s in %s.json", key, language).isNotBlank();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"fi", "sv"})
    void namesTasklistsButtonsAsOurTaskFormsDo(String language) {
        Map<String, String> translated = texts("tasklist/locales/" + language);
        // the task forms' claim hint and closing sentence name these buttons (taskforms_*.properties)
        if (language.equals("fi")) {
            assertThat(translated).containsEntry("labels.CLAIM_TASK", "Ota itsellesi")
                    .containsEntry("labels.COMPLETE", "Merkitse valmiiksi");
        } else {
            assertThat(translated).containsEntry("labels.CLAIM_TASK", "Ta uppgiften")
                    .containsEntry("labels.COMPLETE", "Markera som klar");
        }
    }

    /** {@code tasklist/locales/fi} → {@code tasklist/locales/en} */
    private static String english(String locale) {
        return locale.substring(0, locale.lastIndexOf('/') + 1) + "en";
    }

    /** Every text of a locale file by its path ({@code labels.CLAIM_TASK}, {@code dateLocales.months[0]}). */
    private static Map<String, String> texts(String locale) {
        try (InputStream in = TasklistTranslationsTest.class.getClassLoader()
                .getResourceAsStream(APPS + locale + ".json")) {
            assertThat(in).as(APPS + locale + ".json on the classpath").isNotNull();
            Map<String, String> texts = new TreeMap<>();
            flatten("", JSON.readTree(in), texts);
            return texts;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flatten(String path, JsonNode node, Map<String, String> texts) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), texts);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), texts);
            }
        } else {
            texts.put(path, node.asText());
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.results().map(result -> result.group()).toList();
    }
}
