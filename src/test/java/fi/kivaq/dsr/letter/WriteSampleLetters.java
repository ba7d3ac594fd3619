package fi.kivaq.dsr.letter;

import java.nio.file.Files;
import java.nio.file.Path;

import fi.kivaq.dsr.shared.Language;

/** Writes a sample of every letter to {@code target/sample-letters/} for looking at them (not a test). */
public final class WriteSampleLetters {

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target/sample-letters");
        Files.createDirectories(out);
        LetterService service = new LetterService(new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES),
                new PadesSigner(SampleLetters.signing(Path.of("target/sample-letters/dev-seal.p12"))));
        for (Language lang : Language.values()) {
            String language = lang.code();
            for (LetterType type : LetterType.values()) {
                Files.write(out.resolve(type + "-" + language + ".pdf"),
                        service.renderSigned(SampleLetters.letter(type, language)));
            }
            Files.write(out.resolve("LONG_ACCESS-" + language + ".pdf"),
                    service.renderSigned(SampleLetters.longAccessLetter(language)));
        }
        System.out.println("Wrote sample letters to " + out.toAbsolutePath());
    }
}
