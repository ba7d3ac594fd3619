package fi.kivaq.dsr.shared;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/**
 * Every text a person reads — pages, mails, letters — comes from this one {@link MessageSource}, one bundle per
 * purpose, each in every {@link Language} ({@code <bundle>_fi.properties}, {@code _sv}, {@code _en}, UTF-8).
 *
 * <p>There is no base file and no fallback to the JVM's locale, so a key missing in Swedish is missing, never
 * silently Finnish or English ({@code TextBundlesTest} keeps the key sets equal). Keys of the letter, mail and
 * authority bundles start with {@code letter.}, {@code mail.} and {@code authority.}, so that no bundle shadows another. A key that is not there fails
 * loudly ({@link MissingTextException}) instead of showing {@code ??key??} to a requester: a page answers with an
 * error, a mail or letter is retried and shows up as an incident, and the tests fail. Placeholders are {@code {0}},
 * {@code {1}}…; a quote is just a quote (no {@link MessageFormat} quoting), with or without arguments.
 */
@Configuration(proxyBeanMethods = false)
public class TextBundles {

    /** Pages (and the short shared terms that mails borrow from them, such as request types). */
    public static final String PAGES = "templates/i18n/messages";
    /** The staff pages' words for codes ({@code code.*}), request list, layout, login and error pages. */
    public static final String STAFF = "templates/i18n/staff";
    /** The task forms staff fill in Tasklist ({@code taskform.*}). */
    public static final String TASK_FORMS = "templates/i18n/taskforms";
    /** Response letters (PDF). */
    public static final String LETTERS = "templates/letters/letters";
    /** The mail layout's sign-offs and remedies; the mail bodies are templates under {@code templates/mail/}. */
    public static final String MAIL = "templates/mail/mail";
    /** The supervisory authority's details, which letters and mails share ({@link SupervisoryAuthority}). */
    public static final String AUTHORITY = "templates/authority/authority";

    public static final List<String> BUNDLES = List.of(PAGES, STAFF, TASK_FORMS, LETTERS, MAIL, AUTHORITY);

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
        return new MissingTextFails(source, bundles);
    }

    /**
     * Spring throws {@link org.springframework.context.NoSuchMessageException} for a missing key, which Thymeleaf
     * turns into {@code ??key_sv??}; this one it lets through. Lookups with a default message keep their default.
     */
    private record MissingTextFails(MessageSource texts, List<String> bundles) implements MessageSource {

        @Override
        public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
            return texts.getMessage(code, args, defaultMessage, locale);
        }

        @Override
        public String getMessage(String code, Object[] args, Locale locale) {
            String message = texts.getMessage(code, args, null, locale);
            if (message == null) {
                throw new MissingTextException(code, locale, bundles);
            }
            return message;
        }

        @Override
        public String getMessage(MessageSourceResolvable resolvable, Locale locale) {
            return texts.getMessage(resolvable, locale);
        }
    }

    /** A text that a page, mail or letter asks for is not in the bundles (in that language). */
    public static final class MissingTextException extends IllegalStateException {

        MissingTextException(String code, Locale locale, List<String> bundles) {
            super("No text '" + code + "' for language '" + locale + "' in " + bundles);
        }
    }

    /** The file of {@code bundle} in {@code language}, as a class-path resource name. */
    public static String file(String bundle, Language language) {
        return bundle + "_" + language.code() + ".properties";
    }
}
