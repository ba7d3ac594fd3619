package fi.kivaq.dsr.mail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.SupervisoryAuthority;

/**
 * Renders mails from {@code templates/mail/{language}/{name}.txt} (staff mails: {@code templates/mail/staff/}). A
 * template starts with headers: {@code Subject: …}, then optionally {@code Sign-off: …} and {@code Remedies: …};
 * the rest is the body. {@code Remedies: complaint, court} appends, after the body, the paragraphs
 * {@code mail.remedies.complaint} and {@code mail.remedies.court} of the mail bundle, filled with the supervisory
 * authority's details in the mail's language ({@link SupervisoryAuthority}: {0} name, {1} street address, {2} postal
 * address, {3} web site, {4} e-mail, {5} phone), so that no mail types the authority's address.
 * Every mail ends with the layout {@code templates/mail/layout.txt}: the body, then the sign-off named by the
 * header (default {@code regards}) from the mail bundle, filled with the controller's details
 * ({@code dsr.controller.*}). The HTML alternative is the same text laid out by {@code templates/mail/layout.html},
 * so every wording lives in exactly one file per language. Short shared terms (request types) come from the
 * pages' messages, {@code #{request.ACCESS}}. A missing text fails the mail instead of sending {@code ??key??}.
 */
@Component
class MailComposer {

    private static final Pattern URL_LINE = Pattern.compile("^https?://\\S+$");
    private static final String SUBJECT_PREFIX = "Subject:";
    private static final String SIGN_OFF_PREFIX = "Sign-off:";
    private static final String REMEDIES_PREFIX = "Remedies:";
    private static final Pattern REMEDIES = Pattern.compile("[a-zA-Z]+(\\s*,\\s*[a-zA-Z]+)*");
    private static final String DEFAULT_SIGN_OFF = "regards";
    private static final Pattern SIGN_OFF = Pattern.compile("[a-zA-Z]+");
    private static final Pattern BLANK_LINE = Pattern.compile("\\n\\s*\\n");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ControllerProperties controller;
    private final MessageSource messages;
    private final String replyAddress;
    private final Map<Language, SupervisoryAuthority> authority = new EnumMap<>(Language.class);

    /** Signed with the controller's address (tests of texts alone). */
    MailComposer(ControllerProperties controller, MessageSource messages) {
        this(controller, messages, controller.email());
    }

    /** Mails are signed with the address they come from ({@code dsr.mail.from}), so that a reply reaches us there. */
    @org.springframework.beans.factory.annotation.Autowired
    MailComposer(ControllerProperties controller, MessageSource messages, MailProperties mail) {
        this(controller, messages, senderAddress(mail.from()));
    }

    private MailComposer(ControllerProperties controller, MessageSource messages, String replyAddress) {
        this.controller = controller;
        this.messages = messages;
        this.replyAddress = replyAddress;
        for (Language language : Language.values()) {
            authority.put(language, SupervisoryAuthority.in(messages, language));
        }
        // the same wording for request types etc. as on the public pages
        engine.setTemplateEngineMessageSource(messages);
        // every link mail is composed in the requester's filing request: the templates' expressions are compiled
        // to bytecode once they have run a few times instead of being interpreted each time
        engine.setEnableSpringELCompiler(true);
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    record ComposedMail(String subject, String text, String html) {
    }

    ComposedMail compose(String template, String language, Map<String, Object> model) {
        return compose(template, language, model, null);
    }

    /** {@code statusUrl}: the requester's status page, given after the body (null: none). */
    ComposedMail compose(String template, String language, Map<String, Object> model, String statusUrl) {
        Language lang = Language.fromCode(language)
                .orElseThrow(() -> new IllegalArgumentException("Unsupported mail language: " + language));
        String path = OutgoingMail.isStaffTemplate(template) ? template : lang.code() + "/" + template;
        Context context = new Context(lang.locale());
        context.setVariables(model);
        context.setVariable("controller", controller);
        context.setVariable("authority", authority.get(lang));
        List<String> lines = engine.process(path + ".txt", context).strip().lines().toList();

        if (lines.isEmpty() || !lines.get(0).startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException("Mail template " + path + " must start with 'Subject:'");
        }
        String subject = lines.get(0).substring(SUBJECT_PREFIX.length()).strip();
        int bodyStart = 1;
        String signOff = DEFAULT_SIGN_OFF;
        List<String> remedies = List.of();
        for (; bodyStart < lines.size(); bodyStart++) {
            String line = lines.get(bodyStart);
            if (line.startsWith(SIGN_OFF_PREFIX)) {
                signOff = header(path, line, SIGN_OFF_PREFIX, SIGN_OFF);
            } else if (line.startsWith(REMEDIES_PREFIX)) {
                remedies = List.of(header(path, line, REMEDIES_PREFIX, REMEDIES).split("\\s*,\\s*"));
            } else {
                break;
            }
        }
        String body = String.join("\n", lines.subList(bodyStart, lines.size())).strip();
        if (!remedies.isEmpty()) {
            SupervisoryAuthority office = authority.get(lang);
            Object[] details = {office.name(), office.streetAddress(), office.postalAddress(), office.web(),
                    office.email(), office.phone()};
            body += "\n\n" + String.join("\n\n", remedies.stream()
                    .map(remedy -> messages.getMessage("mail.remedies." + remedy, details, lang.locale())).toList());
        }

        Context layoutContext = new Context(lang.locale());
        layoutContext.setVariable("body", body);
        layoutContext.setVariable("statusUrl", statusUrl);
        layoutContext.setVariable("signOffKey", "mail.signOff." + signOff);
        layoutContext.setVariable("controller", controller);
        layoutContext.setVariable("replyAddress", replyAddress);
        String text = engine.process("layout.txt", layoutContext).strip() + "\n";

        Context htmlContext = new Context(lang.locale());
        htmlContext.setVariable("subject", subject);
        htmlContext.setVariable("language", lang.code());
        htmlContext.setVariable("paragraphs", paragraphs(text));
        htmlContext.setVariable("controller", controller);
        String html = engine.process("layout.html", htmlContext);
        return new ComposedMail(subject, text, html);
    }

    /** The bare address of {@code dsr.mail.from} ("KivaQ OyAb <tietosuoja@kivaq.fi>" → tietosuoja@kivaq.fi). */
    static String senderAddress(String from) {
        try {
            return new jakarta.mail.internet.InternetAddress(from, true).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("dsr.mail.from is not an address: " + from, e);
        }
    }

    private static String header(String path, String line, String prefix, Pattern allowed) {
        String value = line.substring(prefix.length()).strip();
        if (!allowed.matcher(value).matches()) {
            throw new IllegalStateException("Mail template " + path + " has a bad '" + prefix + "' " + value);
        }
        return value;
    }

    /** A block of text separated by blank lines; a block that is a single address becomes a link. */
    record Paragraph(List<String> lines, String link) {
    }

    private static List<Paragraph> paragraphs(String text) {
        List<Paragraph> result = new ArrayList<>();
        for (String block : BLANK_LINE.split(text)) {
            String trimmed = block.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (URL_LINE.matcher(trimmed).matches()) {
                result.add(new Paragraph(List.of(), trimmed));
            } else {
                result.add(new Paragraph(trimmed.lines().toList(), null));
            }
        }
        return result;
    }
}
