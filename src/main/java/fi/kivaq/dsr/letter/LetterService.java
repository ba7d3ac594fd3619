package fi.kivaq.dsr.letter;

import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.TextBundles;

/** Renders response letters as sealed PDF/A-3b documents. */
@Service
public class LetterService {

    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

    private final ResponseLetterRenderer renderer;
    private final PadesSigner signer;

    @Autowired
    LetterService(ResponseLetterRenderer renderer, PadesSigner signer) {
        this.renderer = renderer;
        this.signer = signer;
    }

    /** For use without Spring, e.g. in tests of other modules. */
    public LetterService(ControllerProperties controller, SigningProperties signing) {
        this(new ResponseLetterRenderer(controller, TextBundles.messageSource(TextBundles.BUNDLES)),
                new PadesSigner(signing));
    }

    /** The letter as a PDF/A-3b file carrying KivaQ's PAdES seal (B-B, or B-T with a time-stamp authority). */
    public byte[] renderSigned(LetterContent content) {
        return signer.sign(renderer.render(content));
    }

    /**
     * E.g. {@code KivaQ-DSR-2026-00042-vastaanotto.pdf} for the Finnish receipt of {@code DSR-2026-00042} and
     * {@code KivaQ-DSR-2026-00042-vastaus.pdf} for its answer: a requester who saves both keeps both.
     */
    public String fileName(LetterContent content) {
        String reference = content.reference().trim();
        if (reference.regionMatches(true, 0, "DSR-", 0, 4)) {
            reference = reference.substring(4);
        }
        String safe = UNSAFE_IN_FILE_NAME.matcher(reference).replaceAll("_");
        String word = UNSAFE_IN_FILE_NAME.matcher(renderer.fileWord(content)).replaceAll("_");
        return "KivaQ-DSR-" + safe + "-" + word + ".pdf";
    }
}
