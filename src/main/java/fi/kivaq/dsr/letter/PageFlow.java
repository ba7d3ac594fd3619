package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Lays text out on A4 pages from top to bottom and starts a new page when one is full: wrapped paragraphs
 * (words longer than a line are broken), bullet lists and tables whose header row is repeated on every page.
 * Footers with "n/N" are drawn by {@link #finish(String)} once the number of pages is known.
 * All text must already be {@link LetterFonts#printable(String) printable}.
 */
final class PageFlow {

    static final float MARGIN = 56f;
    private static final float TOP = PDRectangle.A4.getHeight() - 50f;
    private static final float BOTTOM = 64f;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float CELL_PAD = 3f;
    private static final float[] RULE_GREY = {0.6f, 0.6f, 0.6f};
    private static final float[] HEADER_FILL = {0.9f, 0.92f, 0.94f};
    private static final float[] ACCENT = {0.0f, 0.32f, 0.45f};

    enum Style {
        BODY(9.5f, false), SMALL(8f, false), BOLD(9.5f, true), HEADING(11.5f, true), TITLE(14f, true), BRAND(17f, true);

        final float size;
        final boolean bold;

        Style(float size, boolean bold) {
            this.size = size;
            this.bold = bold;
        }

        float leading() {
            return size * 1.35f;
        }
    }

    private final PDDocument document;
    private final LetterFonts.Faces faces;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    /** The font last set on {@link #content}: the text state outlives BT/ET, so it is set only when it changes. */
    private Style fontSet;
    private float y;

    PageFlow(PDDocument document, LetterFonts.Faces faces) throws IOException {
        this.document = document;
        this.faces = faces;
        newPage();
    }

    float y() {
        return y;
    }

    void moveTo(float newY) {
        y = newY;
    }

    void space(float points) {
        y -= points;
    }

    /** Text at an absolute position, not wrapped and not moving the flow: for the letterhead. */
    void textAt(String text, Style style, float x, float baseline, boolean accent) throws IOException {
        content.beginText();
        if (accent) {
            content.setNonStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
        }
        if (fontSet == null || fontSet.bold != style.bold || fontSet.size != style.size) {
            content.setFont(font(style), style.size);
            fontSet = style;
        }
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
        if (accent) {
            content.setNonStrokingColor(0f, 0f, 0f);
        }
    }

    float widthOf(String text, Style style) {
        return face(style).width(text, style.size);
    }

    void paragraph(String text, Style style) throws IOException {
        paragraph(text, style, 0f);
    }

    void paragraph(String text, Style style, float indent) throws IOException {
        List<String> lines = wrap(text, face(style), style.size, WIDTH - indent);
        for (String line : lines) {
            ensureRoom(style.leading());
            y -= style.leading();
            if (!line.isEmpty()) {
                textAt(line, style, MARGIN + indent, y + style.size * 0.3f, false);
            }
        }
        y -= style.size * 0.5f;
    }

    /** A heading that never stays alone at the bottom of a page. */
    void heading(String text, Style style) throws IOException {
        ensureRoom(style.leading() * 1.6f + Style.BODY.leading() * 3);
        y -= style.size * 0.6f;
        List<String> lines = wrap(text, face(style), style.size, WIDTH);
        for (String line : lines) {
            y -= style.leading();
            textAt(line, style, MARGIN, y + style.size * 0.3f, true);
        }
        y -= style.size * 0.3f;
    }

    void bullets(List<String> items, Style style) throws IOException {
        float indent = 12f;
        for (String item : items) {
            List<String> lines = wrap(item, face(style), style.size, WIDTH - indent);
            for (int i = 0; i < lines.size(); i++) {
                ensureRoom(style.leading());
                y -= style.leading();
                float baseline = y + style.size * 0.3f;
                if (i == 0) {
                    textAt("•", style, MARGIN + 2f, baseline, false);
                }
                textAt(lines.get(i), style, MARGIN + indent, baseline, false);
            }
        }
        y -= style.size * 0.5f;
    }

    /**
     * A table; {@code header} (may be {@code null}) is repeated at the top of each page the table continues on.
     * A row moves to the next page whole unless it is taller than a page, in which case it is split.
     */
    void table(List<String> header, float[] columnShares, List<List<String>> rows) throws IOException {
        float[] widths = new float[columnShares.length];
        float total = 0f;
        for (float share : columnShares) {
            total += share;
        }
        for (int i = 0; i < widths.length; i++) {
            widths[i] = WIDTH * columnShares[i] / total;
        }
        Style style = Style.BODY;
        float leading = style.leading();
        List<List<String>> headerLines = header == null ? null : cellLines(header, widths, faces.boldFace(), style.size);
        float headerHeight = header == null ? 0f : height(headerLines, leading);

        if (headerLines != null) {
            ensureRoom(headerHeight + leading + 2 * CELL_PAD);
            drawRow(headerLines, widths, 0, maxLines(headerLines), true);
        }
        for (List<String> row : rows) {
            List<List<String>> lines = cellLines(row, widths, faces.regularFace(), style.size);
            int count = maxLines(lines);
            float rowHeight = height(lines, leading);
            float pageRoom = TOP - BOTTOM - headerHeight;
            if (rowHeight > y - BOTTOM && rowHeight <= pageRoom) {
                continueTableOnNewPage(headerLines, widths);
            }
            int drawn = 0;
            while (drawn < count) {
                int fit = (int) Math.floor((y - BOTTOM - 2 * CELL_PAD) / leading);
                if (fit < 1) {
                    continueTableOnNewPage(headerLines, widths);
                    continue;
                }
                int n = Math.min(fit, count - drawn);
                drawRow(lines, widths, drawn, n, false);
                drawn += n;
            }
        }
        y -= style.size * 0.6f;
    }

    private void continueTableOnNewPage(List<List<String>> headerLines, float[] widths) throws IOException {
        newPage();
        if (headerLines != null) {
            drawRow(headerLines, widths, 0, maxLines(headerLines), true);
        }
    }

    private void drawRow(List<List<String>> cells, float[] widths, int from, int count, boolean header)
            throws IOException {
        Style style = header ? Style.BOLD : Style.BODY;
        float height = count * style.leading() + 2 * CELL_PAD;
        float top = y;
        if (header) {
            content.setNonStrokingColor(HEADER_FILL[0], HEADER_FILL[1], HEADER_FILL[2]);
            content.addRect(MARGIN, top - height, WIDTH, height);
            content.fill();
            content.setNonStrokingColor(0f, 0f, 0f);
        }
        float x = MARGIN;
        for (int c = 0; c < cells.size(); c++) {
            List<String> lines = cells.get(c);
            for (int i = 0; i < count && from + i < lines.size(); i++) {
                String line = lines.get(from + i);
                if (!line.isEmpty()) {
                    float baseline = top - CELL_PAD - (i + 1) * style.leading() + style.size * 0.3f;
                    textAt(line, style, x + CELL_PAD, baseline, false);
                }
            }
            x += widths[c];
        }
        content.setStrokingColor(RULE_GREY[0], RULE_GREY[1], RULE_GREY[2]);
        content.setLineWidth(0.5f);
        content.moveTo(MARGIN, top - height);
        content.lineTo(MARGIN + WIDTH, top - height);
        content.stroke();
        content.setStrokingColor(0f, 0f, 0f);
        y = top - height;
    }

    private static List<List<String>> cellLines(List<String> cells, float[] widths, LetterFonts.Face font,
            float size) {
        List<List<String>> lines = new ArrayList<>(cells.size());
        for (int c = 0; c < widths.length; c++) {
            String text = c < cells.size() && cells.get(c) != null ? cells.get(c) : "";
            lines.add(wrap(text, font, size, widths[c] - 2 * CELL_PAD));
        }
        return lines;
    }

    private static int maxLines(List<List<String>> cells) {
        int max = 1;
        for (List<String> cell : cells) {
            max = Math.max(max, cell.size());
        }
        return max;
    }

    private static float height(List<List<String>> cells, float leading) {
        return maxLines(cells) * leading + 2 * CELL_PAD;
    }

    /** A horizontal rule across the text width. */
    void rule() throws IOException {
        ensureRoom(6f);
        y -= 3f;
        content.setStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
        content.setLineWidth(0.8f);
        content.moveTo(MARGIN, y);
        content.lineTo(MARGIN + WIDTH, y);
        content.stroke();
        content.setStrokingColor(0f, 0f, 0f);
        y -= 3f;
    }

    /** Keeps the next {@code points} of content together, starting a new page if they don't fit. */
    void ensureRoom(float points) throws IOException {
        if (y - points < BOTTOM) {
            newPage();
        }
    }

    /** Closes the last page and draws {@code footer} and "n/N" on every page. */
    void finish(String footer) throws IOException {
        content.close();
        int total = pages.size();
        Style style = Style.SMALL;
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream stream = new PDPageContentStream(document, pages.get(i), AppendMode.APPEND, true,
                    true)) {
                content = stream;
                fontSet = null;
                float lineY = BOTTOM - 18f;
                stream.setStrokingColor(RULE_GREY[0], RULE_GREY[1], RULE_GREY[2]);
                stream.setLineWidth(0.5f);
                stream.moveTo(MARGIN, lineY);
                stream.lineTo(MARGIN + WIDTH, lineY);
                stream.stroke();
                String number = (i + 1) + "/" + total;
                float numberWidth = widthOf(number, style);
                List<String> footerLines = wrap(footer, faces.regularFace(), style.size, WIDTH - numberWidth - 12f);
                float baseline = lineY - style.leading();
                for (String line : footerLines) {
                    textAt(line, style, MARGIN, baseline, false);
                    baseline -= style.leading();
                }
                textAt(number, style, MARGIN + WIDTH - numberWidth, lineY - style.leading(), false);
            }
        }
        content = null;
    }

    int pageCount() {
        return pages.size();
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        fontSet = null;
        y = TOP;
    }

    private PDFont font(Style style) {
        return style.bold ? faces.bold() : faces.regular();
    }

    private LetterFonts.Face face(Style style) {
        return style.bold ? faces.boldFace() : faces.regularFace();
    }

    /** Word-wraps {@code text} to {@code width}; line feeds start new lines, over-long words are broken. */
    static List<String> wrap(String text, LetterFonts.Face font, float size, float width) {
        List<String> lines = new ArrayList<>();
        float space = font.width(" ", size);
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float lineWidth = 0f;
            for (String word : paragraph.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                float wordWidth = font.width(word, size);
                float needed = line.length() == 0 ? wordWidth : lineWidth + space + wordWidth;
                if (needed <= width) {
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(word);
                    lineWidth = needed;
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineWidth = 0f;
                }
                if (wordWidth <= width) {
                    line.append(word);
                    lineWidth = wordWidth;
                } else {
                    // a word wider than the line: break it wherever the line is full
                    int start = 0;
                    float chunkWidth = 0f;
                    for (int i = 0; i < word.length(); i++) {
                        float w = font.width(word.substring(i, i + 1), size);
                        if (chunkWidth + w > width && i > start) {
                            lines.add(word.substring(start, i));
                            start = i;
                            chunkWidth = 0f;
                        }
                        chunkWidth += w;
                    }
                    line.append(word, start, word.length());
                    lineWidth = chunkWidth;
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
