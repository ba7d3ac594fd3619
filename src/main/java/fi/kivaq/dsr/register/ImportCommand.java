package fi.kivaq.dsr.register;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The import from the command line: {@code java -jar kivaq-dsr.jar import contacts.csv [--apply] [--lang=fi]}
 * prints the dry run (and, with {@code --apply}, applies the file) and the application exits; {@code DsrApplication}
 * starts no web server for it. Exit code 0 when the file is valid (and applied), 1 when it has invalid rows,
 * 2 when it cannot be read. Audited with the operating-system user as the actor.
 */
@Component
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    /** The first argument that turns a start of the application into an import. */
    static final String COMMAND = "import";

    private final ContactImport contactImport;
    private final MessageSource messages;
    private PrintStream out = System.out;
    private int exitCode;

    ImportCommand(ContactImport contactImport, MessageSource messages) {
        this.contactImport = contactImport;
        this.messages = messages;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMAND.equals(words.get(0))) {
            return;
        }
        if (words.size() != 2) {
            out.println("usage: java -jar kivaq-dsr.jar import <contacts.csv> [--apply] [--lang=fi|sv|en]");
            exitCode = 2;
            return;
        }
        Path path = Path.of(words.get(1));
        byte[] file;
        try {
            file = Files.readAllBytes(path);
        } catch (IOException e) {
            out.println("cannot read " + path + ": " + e.getMessage());
            exitCode = 2;
            return;
        }
        Locale locale = args.containsOption("lang") ? Locale.forLanguageTag(args.getOptionValues("lang").get(0))
                : Locale.ENGLISH;
        String actor = "cli:" + System.getProperty("user.name", "operator");
        boolean apply = args.containsOption("apply");
        ContactImport.Report report = apply ? contactImport.apply(file, actor) : contactImport.dryRun(file, actor);
        print(path, report, locale);
        exitCode = report.valid() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    void printTo(PrintStream out) {
        this.out = out;
    }

    private void print(Path path, ContactImport.Report report, Locale locale) {
        out.println((report.applied() ? "Applied " : report.valid() ? "Dry run of " : "NOT applied (invalid rows): ")
                + path + " (sha256 " + report.fileHash() + ", " + report.encoding() + ", separator '"
                + report.separator() + "')");
        if (!report.ignoredColumns().isEmpty()) {
            out.println("ignored columns: " + String.join(", ", report.ignoredColumns()));
        }
        for (ContactImport.Outcome outcome : ContactImport.Outcome.values()) {
            out.printf("%-18s %7d%n", outcome.name().toLowerCase(Locale.ROOT), report.count(outcome));
        }
        out.printf("%-18s %7d%n", "invalid", report.problems().size());
        out.printf("%-18s %7d%n", "new organisations", report.newOrganisations());
        for (ContactImport.Problem problem : report.problems()) {
            out.println("line " + problem.line() + ": "
                    + messages.getMessage(problem.reason(), problem.args().toArray(), problem.reason(), locale));
        }
        if (!report.applied() && report.valid()) {
            out.println("Nothing was changed. Run again with --apply to apply the file.");
        }
    }
}
