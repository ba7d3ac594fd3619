package fi.kivaq.dsr.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * The staff pages show every code as words ({@code code.<family>.<VALUE>} in {@code templates/i18n/staff_*}). A value
 * added to one of these enums without its words made the request page fail for everyone (a missing text throws):
 * every value of every family has its words in every language.
 */
@Tag("fast")
class StaffCodeWordsTest {

    private static final Map<String, Enum<?>[]> FAMILIES = Map.of(
            "audit", AuditLog.Action.values(),
            "type", RequestType.values(),
            "status", RequestStatus.values(),
            "channel", RequestChannel.values(),
            "verification", VerificationState.values(),
            "letter", LetterType.values(),
            "consentChannel", ConsentChannel.values(),
            "objectedUse", fi.kivaq.dsr.register.ObjectedUse.values());

    @Test
    void everyCodeTheStaffPagesShowHasItsWordsInEveryLanguage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Language language : Language.values()) {
            Properties words = new Properties();
            try (InputStream in = Files.newInputStream(Path.of("templates", "i18n", "staff_" + language.code() + ".properties"))) {
                words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            FAMILIES.forEach((family, values) -> {
                for (Enum<?> value : values) {
                    String key = "code." + family + "." + value.name();
                    if (words.getProperty(key, "").isBlank()) {
                        missing.add(language.code() + ": " + key);
                    }
                }
            });
        }
        assertThat(missing).as("codes without words on the staff pages").isEmpty();
    }
}
