package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The letter fonts (DejaVu Sans, shipped under {@code templates/fonts/} with its licence), embedded as subsets.
 * Widths come from tables built at start-up, and the class knows which characters the fonts can show, so that text
 * from the register never makes rendering fail. Each thread that renders letters parses each face once and keeps it:
 * the subset is cut from the parsed font when a document is saved, and a parsed font is not safe for two threads at
 * once, so letters render in parallel without sharing one (a shared font under a lock made every job thread wait
 * for the one rendering).
 */
final class LetterFonts {

    private static final String REGULAR = "templates/fonts/DejaVuSans.ttf";
    private static final String BOLD = "templates/fonts/DejaVuSans-Bold.ttf";
    private static final int REPLACEMENT = 0xFFFD;
    private static final int BMP = 0x10000;

    private final Face regular;
    private final Face bold;
    /** Code points both faces have a glyph for. */
    private final BitSet covered;
    private final String replacement;

    LetterFonts() {
        this.regular = new Face(REGULAR);
        this.bold = new Face(BOLD);
        this.covered = (BitSet) regular.covered.clone();
        this.covered.and(bold.covered);
        this.replacement = covered.get(REPLACEMENT) ? new String(Character.toChars(REPLACEMENT)) : "?";
    }

    /** Both faces, to be embedded in {@code document} as subsets. */
    Faces load(PDDocument document) throws IOException {
        return new Faces(regular.load(document), bold.load(document), regular, bold);
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
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                out.append('\n');
            } else if (cp == '\r') {
                // CR LF and a lone CR both become one line feed
                if (i >= text.length() || text.charAt(i) != '\n') {
                    out.append('\n');
                }
            } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (cp < BMP && covered.get(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    /** One parsed face and its advance widths per BMP code point, in 1/1000 em like PDF glyph widths. */
    static final class Face {

        private final byte[] file;
        /** This thread's parse of the face. */
        private final ThreadLocal<TrueTypeFont> font;
        private final float[] widths = new float[BMP];
        private final BitSet covered = new BitSet(BMP);

        private Face(String resource) {
            file = read(resource);
            font = ThreadLocal.withInitial(this::parse);
            try {
                TrueTypeFont font = parse();
                CmapLookup cmap = font.getUnicodeCmapLookup();
                float scale = 1000f / font.getUnitsPerEm();
                for (int cp = 0x20; cp < BMP; cp++) {
                    int gid = cmap.getGlyphId(cp);
                    if (gid > 0) {
                        covered.set(cp);
                        widths[cp] = font.getAdvanceWidth(gid) * scale;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private TrueTypeFont parse() {
            try {
                TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(file));
                // Letters are Latin text: no ligatures, so every character stays one glyph (clean copy and
                // search) and the widths above are exact; it also spares PDFBox's costly GSUB engine.
                parsed.setEnableGsub(false);
                return parsed;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The face for a document this thread builds and saves (the subset is cut when it is saved). */
        private PDFont load(PDDocument document) throws IOException {
            return PDType0Font.load(document, font.get(), true);
        }

        /** Width of printable text at {@code size} points. */
        float width(CharSequence text, float size) {
            float units = 0f;
            for (int i = 0; i < text.length(); i++) {
                units += widths[text.charAt(i)];
            }
            return units * size / 1000f;
        }
    }

    record Faces(PDFont regular, PDFont bold, Face regularFace, Face boldFace) {
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
}
