package fi.kivaq.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The README says what the code does: its configuration table is one table, and the forms' links are as written. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void theConfigurationTableIsOneTableWithEverySigningSetting() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int header = lines.indexOf("| setting | default | meaning |");
        assertThat(header).as("configuration table header").isNotNegative();
        int end = header;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        List<String> table = lines.subList(header, end);
        assertThat(table).anyMatch(row -> row.startsWith("| `dsr.signing.keystore`"))
                .anyMatch(row -> row.startsWith("| `dsr.signing.tsa-url`"))
                .anyMatch(row -> row.startsWith("| `dsr.transfers.outside-eea"));
        // nothing after the table looks like a row that fell out of it
        assertThat(lines.subList(end, Math.min(end + 3, lines.size()))).noneMatch(line -> line.startsWith("| `"));
    }

    @Test
    void theStaffLinksOfTheTaskFormsAreTheOnesTheReadmeNames() throws IOException {
        String readme = Files.readString(README);
        Set<String> links = new TreeSet<>();
        // the heading's link (parts.html) and each decision page a form links to (parts :: decisionPage('<page>'))
        Pattern heading = Pattern.compile("@\\{/staff/requests/id/\\{id}\\(");
        Pattern decisionPage = Pattern.compile("decisionPage\\('([a-z-]+)'\\)");
        try (Stream<Path> forms = Files.list(Path.of("templates", "web", "staff", "task-forms"))) {
            for (Path form : forms.toList()) {
                String html = Files.readString(form);
                if (heading.matcher(html).find()) {
                    links.add("/staff/requests/id/{n}");
                }
                Matcher m = decisionPage.matcher(html);
                while (m.find()) {
                    links.add("/staff/requests/id/{n}/" + m.group(1));
                }
            }
        }
        assertThat(links).contains("/staff/requests/id/{n}");
        assertThat(links).isNotEmpty();
        for (String path : links) {
            assertThat(readme).as("README names the forms' link %s", path).contains("`" + path + "`");
        }
    }
}
