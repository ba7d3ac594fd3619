package fi.kivaq.dsr.mail;

import java.util.ArrayList;
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

/**
 * Renders mails from {@code templates/mail/{language}/{name}.txt}. The first line of a text template is
 * {@code Subject: …}; the rest is the plain-text body. The HTML alternative is the same text laid out by
 * {@code templates/mail/layout.html}, so every wording lives in exactly one file per language. Short shared
 * terms (request types) come from the pages' messages, {@code #{request.ACCESS}}.
 */
@Component
class MailComposer {

    private static final Pattern URL_LINE = Pattern.compile("^https?://\\S+$");
    private static final String SUBJECT_PREFIX = "Subject:";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final ControllerProperties controller;

    MailComposer(ControllerProperties controller, MessageSource messages) {
        this.controller = controller;
        // the same wording for request types etc. as on the public pages
        engine.setTemplateEngineMessageSource(messages);
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
        Context context = new Context(Locale.forLanguageTag(language));
        context.setVariables(model);
        context.setVariable("controller", controller);
        String rendered = engine.process(language + "/" + template + ".txt", context).strip();
        int firstLineEnd = rendered.indexOf('\n');
        String firstLine = firstLineEnd < 0 ? rendered : rendered.substring(0, firstLineEnd);
        if (!firstLine.startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException("Mail template " + language + "/" + template + " must start with 'Subject:'");
        }
        String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
        String text = firstLineEnd < 0 ? "" : rendered.substring(firstLineEnd + 1).strip() + "\n";

        Context htmlContext = new Context(Locale.forLanguageTag(language));
        htmlContext.setVariable("subject", subject);
        htmlContext.setVariable("language", language);
        htmlContext.setVariable("paragraphs", paragraphs(text));
        htmlContext.setVariable("controller", controller);
        String html = engine.process("layout.html", htmlContext);
        return new ComposedMail(subject, text, html);
    }

    /** A block of text separated by blank lines; a block that is a single address becomes a link. */
    record Paragraph(List<String> lines, String link) {
    }

    private static List<Paragraph> paragraphs(String text) {
        List<Paragraph> result = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
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
