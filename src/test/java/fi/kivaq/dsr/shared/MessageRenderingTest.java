package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.MessageSource;

/**
 * Every key of every bundle (pages, letters, mails, authority) resolves in every language with its placeholders
 * filled: rendered through the application's own message source with dummy arguments, no {@code {0}} is left over and
 * no apostrophe is lost or doubled (a quote is just a quote; a MessageFormat-style {@code ''} or a quote that ate a
 * placeholder shows up here, not in front of a requester).
 */
class MessageRenderingTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern LEFTOVER = Pattern.compile("\\{\\d");
    private static final MessageSource TEXTS = TextBundles.messageSource(TextBundles.BUNDLES);

    static Stream<String> bundles() {
        return TextBundles.BUNDLES.stream();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyKeyRendersWithItsPlaceholdersFilledAndItsQuotesIntact(String bundle) {
        List<String> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            Properties texts = load(TextBundles.file(bundle, language));
            for (String key : texts.stringPropertyNames()) {
                String raw = texts.getProperty(key);
                Object[] args = dummyArguments(raw);
                String rendered = TEXTS.getMessage(key, args, language.locale());
                String expected = fill(raw, args);
                if (LEFTOVER.matcher(rendered).find()) {
                    problems.add(language + " " + key + ": placeholder left over in \"" + rendered + "\"");
                } else if (!rendered.equals(expected)) {
                    problems.add(language + " " + key + ": rendered \"" + rendered + "\", expected \"" + expected + "\"");
                }
                if (raw.contains("''")) {
                    problems.add(language + " " + key + ": a doubled quote '' is printed as it is");
                }
                // without arguments (Thymeleaf's #{key}) the text must come out as it is written
                String plain = TEXTS.getMessage(key, null, language.locale());
                if (args.length == 0 && !plain.equals(raw)) {
                    problems.add(language + " " + key + ": without arguments \"" + plain + "\"");
                }
            }
        }
        assertThat(problems).as("texts of " + bundle + " that do not render as written").isEmpty();
    }

    /** The check itself catches what it is for: MessageFormat's quoting swallows a placeholder after a quote. */
    @Test
    void theCheckCatchesAQuoteThatSwallowsAPlaceholder() {
        String raw = "Your request's reference is {0}.";
        Object[] args = dummyArguments(raw);
        String messageFormat = new java.text.MessageFormat(raw).format(args);
        assertThat(messageFormat).isEqualTo("Your requests reference is {0}.");
        assertThat(LEFTOVER.matcher(messageFormat).find()).isTrue();
        assertThat(fill(raw, args)).isEqualTo("Your request's reference is «arg0».");
    }

    private static Object[] dummyArguments(String raw) {
        int count = 0;
        Matcher m = PLACEHOLDER.matcher(raw);
        while (m.find()) {
            count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
        }
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            args[i] = "«arg" + i + "»";
        }
        return args;
    }

    private static String fill(String raw, Object[] args) {
        String filled = raw;
        for (int i = 0; i < args.length; i++) {
            filled = filled.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return filled;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = MessageRenderingTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
