package fi.kivaq.dsr.request;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Measures, before PDFBox parses a file, how many bytes its streams expand to. PDFBox 3 decodes cross-reference and
 * object streams into memory while loading, without any limit, so one megabyte of FlateDecode can become a gigabyte
 * of heap. This scan finds every {@code N G obj} header anywhere in the file (also inside other streams' data, where
 * a cross-reference table could point), reads the dictionary that follows with a small lexer of its own, and runs
 * PDFBox's own filters over the stream data into a sink that only counts; the total over all streams must stay within
 * the budget. Image codecs (DCT, JPX, CCITT, JBIG2) are not decoded by the check and not counted. It also reports an
 * encrypted file: its streams cannot be measured before decryption, so it is refused.
 */
final class PdfStreamBudget {

    /** The streams expand to more than the budget. */
    static final class Exceeded extends IOException {
        Exceeded() {
            super("decoded streams exceed the budget");
        }
    }

    /** The file is encrypted: its streams cannot be measured. */
    static final class Encrypted extends IOException {
        Encrypted() {
            super("encrypted PDF");
        }
    }

    private static final Set<String> NOT_DECODED = Set.of("DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF",
            "JBIG2Decode", "Crypt");
    private static final int MAX_DEPTH = 32;
    private static final byte[] OBJ = "obj".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "trailer".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);

    private final byte[] pdf;
    private final long budget;
    private final long deadline;
    private long decoded;
    private int pos;

    private PdfStreamBudget(byte[] pdf, long budget, long deadlineNanos) {
        this.pdf = pdf;
        this.budget = budget;
        this.deadline = deadlineNanos;
    }

    /** Returns the decoded size of all streams, or throws when over budget, encrypted or out of time. */
    static long measure(byte[] pdf, long budget, long deadlineNanos) throws IOException {
        PdfStreamBudget scan = new PdfStreamBudget(pdf, budget, deadlineNanos);
        scan.run();
        return scan.decoded;
    }

    private void run() throws IOException {
        for (int i = 0; i < pdf.length; i++) {
            if ((i & 0xFFF) == 0) {
                checkTime();
            }
            if (matchesKeyword(i, OBJ) || matchesKeyword(i, TRAILER)) {
                checkTime();
                int start = i + (pdf[i] == 'o' ? OBJ.length : TRAILER.length);
                inspectObjectAt(start);
            }
        }
    }

    private void inspectObjectAt(int start) throws IOException {
        pos = start;
        COSBase object;
        try {
            object = parseObject(0);
        } catch (Malformed e) {
            return; // not an object PDFBox could read either
        }
        if (!(object instanceof COSDictionary dictionary)) {
            return;
        }
        if (dictionary.containsKey(COSName.ENCRYPT)) {
            throw new Encrypted();
        }
        skipWhitespaceAndComments();
        if (!startsAt(pos, STREAM)) {
            return;
        }
        int data = pos + STREAM.length;
        // as PDFBox: spaces, then CR LF, LF or CR (or nothing)
        while (data < pdf.length && pdf[data] == ' ') {
            data++;
        }
        if (data < pdf.length && pdf[data] == '\r') {
            data++;
        }
        if (data < pdf.length && pdf[data] == '\n') {
            data++;
        }
        decode(dictionary, data);
    }

    /** Runs the stream's filters over everything from its start; the decoders stop at their own end of data. */
    private void decode(COSDictionary dictionary, int data) throws IOException {
        COSBase filters = dictionary.getDictionaryObject(COSName.FILTER);
        List<COSName> names;
        if (filters instanceof COSName name) {
            names = List.of(name);
        } else if (filters instanceof COSArray array) {
            names = array.toList().stream().filter(COSName.class::isInstance).map(COSName.class::cast).toList();
        } else {
            return;
        }
        InputStream input = new Cancellable(new ByteArrayInputStream(pdf, data, pdf.length - data));
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index).getName();
            if (NOT_DECODED.contains(name)) {
                return;
            }
            Filter filter;
            try {
                filter = FilterFactory.INSTANCE.getFilter(names.get(index));
            } catch (IOException | RuntimeException unknown) {
                return;
            }
            boolean last = index == names.size() - 1;
            Counting output = new Counting(last ? OutputStream.nullOutputStream() : new ByteArrayOutputStream());
            try {
                filter.decode(input, output, dictionary, index);
            } catch (IOException | RuntimeException garbage) {
                // data a decoder cannot read ends this stream's measurement; what was decoded still counts
            }
            if (output.exceeded) {
                throw new Exceeded();
            }
            checkTime();
            if (last || output.count == 0) {
                return;
            }
            input = new ByteArrayInputStream(((ByteArrayOutputStream) output.target).toByteArray());
        }
    }

    private void checkTime() throws InterruptedIOException {
        if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("evidence check out of time");
        }
    }

    /** Counts decoded bytes against the budget shared by all streams of the file. */
    private final class Counting extends OutputStream {
        private final OutputStream target;
        private long count;
        private boolean exceeded;

        Counting(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            decoded += len;
            if (decoded > budget) {
                exceeded = true;
                throw new Exceeded();
            }
            checkTime();
            target.write(b, off, len);
        }
    }

    /** Stops a decoder that runs out of time. */
    private final class Cancellable extends InputStream {
        private final InputStream in;

        Cancellable(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            checkTime();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkTime();
            return in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }

    // ---- a lexer for one direct object, enough to read a stream dictionary ----

    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED = new Malformed();

    private COSBase parseObject(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw MALFORMED;
        }
        skipWhitespaceAndComments();
        if (pos >= pdf.length) {
            throw MALFORMED;
        }
        int c = pdf[pos] & 0xFF;
        if (c == '<' && pos + 1 < pdf.length && pdf[pos + 1] == '<') {
            pos += 2;
            COSDictionary dictionary = new COSDictionary();
            while (true) {
                skipWhitespaceAndComments();
                if (pos + 1 < pdf.length && pdf[pos] == '>' && pdf[pos + 1] == '>') {
                    pos += 2;
                    return dictionary;
                }
                if (pos >= pdf.length || pdf[pos] != '/') {
                    throw MALFORMED;
                }
                COSName key = parseName();
                COSBase value = parseValue(depth);
                dictionary.setItem(key, value);
            }
        }
        if (c == '[') {
            pos++;
            COSArray array = new COSArray();
            while (true) {
                skipWhitespaceAndComments();
                if (pos < pdf.length && pdf[pos] == ']') {
                    pos++;
                    return array;
                }
                array.add(parseValue(depth));
            }
        }
        if (c == '/') {
            return parseName();
        }
        if (c == '(') {
            skipLiteralString();
            return new COSString("");
        }
        if (c == '<') {
            int end = indexOf((byte) '>', pos + 1);
            if (end < 0) {
                throw MALFORMED;
            }
            pos = end + 1;
            return new COSString("");
        }
        if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
            return parseNumber();
        }
        String keyword = regularToken();
        return switch (keyword) {
            case "true" -> COSBoolean.TRUE;
            case "false" -> COSBoolean.FALSE;
            case "null" -> COSNull.NULL;
            default -> throw MALFORMED;
        };
    }

    /** A value in an array or dictionary: an indirect reference {@code N G R} becomes null (it is not followed). */
    private COSBase parseValue(int depth) throws Malformed {
        COSBase value = parseObject(depth + 1);
        if (value instanceof COSInteger) {
            int mark = pos;
            skipWhitespaceAndComments();
            if (pos < pdf.length && isDigit(pdf[pos])) {
                regularToken();
                skipWhitespaceAndComments();
                if (pos < pdf.length && pdf[pos] == 'R' && (pos + 1 >= pdf.length || !isRegular(pdf[pos + 1]))) {
                    pos++;
                    return COSNull.NULL;
                }
            }
            pos = mark;
        }
        return value;
    }

    private COSName parseName() {
        pos++; // '/'
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        while (pos < pdf.length && isRegular(pdf[pos])) {
            if (pdf[pos] == '#' && pos + 2 < pdf.length && isHex(pdf[pos + 1]) && isHex(pdf[pos + 2])) {
                name.write(Integer.parseInt(new String(pdf, pos + 1, 2, StandardCharsets.US_ASCII), 16));
                pos += 3;
            } else {
                name.write(pdf[pos++]);
            }
        }
        return COSName.getPDFName(name.toString(StandardCharsets.ISO_8859_1));
    }

    private COSBase parseNumber() throws Malformed {
        String token = regularToken();
        try {
            if (token.contains(".")) {
                return new COSFloat(Float.parseFloat(token));
            }
            return COSInteger.get(Long.parseLong(token));
        } catch (NumberFormatException e) {
            throw MALFORMED;
        }
    }

    private void skipLiteralString() throws Malformed {
        int depth = 0;
        while (pos < pdf.length) {
            byte b = pdf[pos++];
            if (b == '\\') {
                pos++;
            } else if (b == '(') {
                depth++;
            } else if (b == ')' && --depth == 0) {
                return;
            }
        }
        throw MALFORMED;
    }

    private String regularToken() throws Malformed {
        int start = pos;
        while (pos < pdf.length && isRegular(pdf[pos])) {
            pos++;
        }
        if (pos == start) {
            throw MALFORMED;
        }
        return new String(pdf, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    private void skipWhitespaceAndComments() {
        while (pos < pdf.length) {
            byte b = pdf[pos];
            if (isWhitespace(b)) {
                pos++;
            } else if (b == '%') {
                while (pos < pdf.length && pdf[pos] != '\n' && pdf[pos] != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean matchesKeyword(int i, byte[] keyword) {
        return startsAt(i, keyword) && (i == 0 || !isRegular(pdf[i - 1]))
                && (i + keyword.length >= pdf.length || !isRegular(pdf[i + keyword.length]));
    }

    private boolean startsAt(int i, byte[] keyword) {
        if (i < 0 || i + keyword.length > pdf.length) {
            return false;
        }
        for (int k = 0; k < keyword.length; k++) {
            if (pdf[i + k] != keyword[k]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < pdf.length; i++) {
            if (pdf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32;
    }

    private static boolean isDelimiter(byte b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
                || b == '/' || b == '%';
    }

    private static boolean isRegular(byte b) {
        return !isWhitespace(b) && !isDelimiter(b);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(byte b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
