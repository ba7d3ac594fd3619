package fi.kivaq.dsr.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import fi.kivaq.dsr.shared.Language;

/**
 * The mails a requester receives, rendered as {@link MailComposerTest} renders them, for tests outside this package
 * (e.g. {@code AuthorityTextsTest}). Mails to subcontractors, to our staff, the newsletter issues and the newsletter
 * sign-up's confirmation are not requester mails.
 */
public final class RequesterMails {

    // a newsletter sign-up's confirmation link answers no data-subject request: no remedies to name
    private static final Set<String> NOT_TO_REQUESTERS = Set.of("newsletter", "newsletter-confirmation",
            "subcontractor-erasure", "subcontractor-rectification", "subcontractor-restriction",
            "subcontractor-restriction-lifted");

    private static final MailComposer COMPOSER = new MailComposer(MailComposerTest.controller(),
            MailComposerTest.messages());

    private RequesterMails() {
    }

    /** Every requester mail template, by name without suffix, as the Finnish folder lists them. */
    public static List<String> templates() {
        try (Stream<Path> files = Files.list(Path.of("templates", "mail", Language.DEFAULT.code()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".txt"))
                    .map(name -> name.substring(0, name.length() - ".txt".length()))
                    .filter(name -> !NOT_TO_REQUESTERS.contains(name))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain text of the mail (subject, a blank line, then the body with its sign-off). */
    public static String text(String template, Language language) {
        Map<String, Object> model = MailComposerTest.model();
        model.put("dueDate", LocalDate.of(2026, 12, 21));
        model.put("reason", "Pyyntö koskee useita rekistereitä.");
        MailComposer.ComposedMail mail = COMPOSER.compose(template, language.code(), model);
        return mail.subject() + "\n\n" + mail.text();
    }
}
