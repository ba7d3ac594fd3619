package fi.kivaq.dsr.shared;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/**
 * Every text a person reads — pages, mails, letters — comes from this one {@link MessageSource}, one bundle per
 * purpose, each in every {@link Language} ({@code <bundle>_fi.properties}, {@code _sv}, {@code _en}, UTF-8).
 *
 * <p>There is no base file and no fallback to the JVM's locale, so a key missing in Swedish is missing, never
 * silently Finnish or English ({@code TextBundlesTest} keeps the key sets equal). Keys of the letter bundle start with
 * {@code letter.}, so that no bundle shadows another. Placeholders are {@code {0}},
 * {@code {1}}…; a quote is just a quote (no {@link MessageFormat} quoting), with or without arguments.
 */
@Configuration(proxyBeanMethods = false)
public class TextBundles {

    /** Pages (and the short shared terms that mails borrow from them, such as request types). */
    public static final String PAGES = "templates/i18n/messages";
    /** Response letters (PDF). */
    public static final String LETTERS = "templates/letters/letters";
    public static final List<String> BUNDLES = List.of(PAGES, LETTERS);

    /** The application's message source: Spring's {@code messageSource} bean, used by Thymeleaf and our code. */
    @Bean
    public MessageSource messageSource() {
        return messageSource(BUNDLES);
    }

    /** The same message source without a Spring context (for tests of a single renderer). */
    public static MessageSource messageSource(List<String> bundles) {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource() {
            @Override
            protected MessageFormat createMessageFormat(String msg, Locale locale) {
                return super.createMessageFormat(msg.replace("'", "''"), locale);
            }
        };
        source.setBasenames(bundles.stream().map(bundle -> "classpath:" + bundle).toArray(String[]::new));
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** The file of {@code bundle} in {@code language}, as a class-path resource name. */
    public static String file(String bundle, Language language) {
        return bundle + "_" + language.code() + ".properties";
    }
}
