package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The letter fonts (DejaVu Sans, shipped under {@code templates/fonts/} with its licence), embedded as subsets.
 * Knows which characters the fonts can show, so that text from the register can never make rendering fail.
 */
final class LetterFonts {

    private static final String REGULAR = "templates/fonts/DejaVuSans.ttf";
    private static final String BOLD = "templates/fonts/DejaVuSans-Bold.ttf";
    private static final int REPLACEMENT = 0xFFFD;

    private final byte[] regular;
    private final byte[] bold;
    /** Code points both fonts have a glyph for. */
    private final BitSet covered;
    private final String replacement;

    LetterFonts() {
        this.regular = read(REGULAR);
        this.bold = read(BOLD);
        this.covered = coverage(regular);
        this.covered.and(coverage(bold));
        this.replacement = covered.get(REPLACEMENT) ? new String(Character.toChars(REPLACEMENT)) : "?";
    }

    /** Both faces, embedded in {@code document} as subsets. */
    Faces load(PDDocument document) throws IOException {
        return new Faces(load(document, regular), load(document, bold));
    }

    private static PDFont load(PDDocument document, byte[] font) throws IOException {
        return PDType0Font.load(document, new RandomAccessReadBuffer(font), true, false);
    }

    /**
     * {@code text} with every character the fonts lack replaced by U+FFFD (or '?'), tabs and other
     * control characters by spaces; line feeds are kept.
     */
    String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (cp == '\r') {
                // CR LF and lone CR both become one line feed
                if (out.length() == 0 || out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (cp < covered.size() && covered.get(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(replacement);
            }
        });
        return out.toString().replace("\r", "");
    }

    private static BitSet coverage(byte[] font) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            BitSet set = new BitSet(0x10000);
            for (int cp = 0x20; cp < 0x10000; cp++) {
                if (cmap.getGlyphId(cp) > 0) {
                    set.set(cp);
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = LetterFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Faces(PDFont regular, PDFont bold) {
    }
}
