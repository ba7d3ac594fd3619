package fi.kivaq.dsr.request;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * Finds content in a PDF that acts when staff open it: JavaScript (also XFA forms, which carry scripts), launch
 * actions, and embedded files (which could carry anything, and personal data we should not collect). Every object of
 * the file is looked at, not only the usual places (names tree, open action, annotations), so nothing hides in an
 * unusual one.
 */
final class PdfActiveContent {

    enum Kind { JAVASCRIPT, LAUNCH, EMBEDDED_FILE }

    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName JAVA_SCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");
    private static final COSName FILE_ATTACHMENT = COSName.getPDFName("FileAttachment");
    private static final COSName RICH_MEDIA = COSName.getPDFName("RichMedia");
    private static final COSName GO_TO_E = COSName.getPDFName("GoToE");

    private PdfActiveContent() {
    }

    static Optional<Kind> find(COSDocument document, long deadlineNanos) throws InterruptedIOException {
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("evidence check out of time");
            }
            COSObject object = document.getObjectFromPool(key);
            Optional<Kind> found = inspect(object.getObject());
            if (found.isPresent()) {
                return found;
            }
        }
        Optional<Kind> trailer = inspect(document.getTrailer());
        return trailer;
    }

    /** Looks at an object and the direct objects inside it; references are not followed (every object is visited). */
    private static Optional<Kind> inspect(COSBase root) {
        Deque<COSBase> pending = new ArrayDeque<>();
        if (root != null) {
            pending.push(root);
        }
        int visited = 0;
        while (!pending.isEmpty() && visited++ < 100_000) {
            COSBase next = pending.pop();
            if (next instanceof COSDictionary dictionary) {
                Optional<Kind> kind = kindOf(dictionary);
                if (kind.isPresent()) {
                    return kind;
                }
                for (COSBase value : dictionary.getValues()) {
                    if (value instanceof COSDictionary || value instanceof COSArray) {
                        pending.push(value);
                    }
                }
            } else if (next instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    COSBase value = array.get(i);
                    if (value instanceof COSDictionary || value instanceof COSArray) {
                        pending.push(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Kind> kindOf(COSDictionary dictionary) {
        COSBase action = dictionary.getItem(COSName.S);
        if (dictionary.containsKey(JS) || JAVA_SCRIPT.equals(action) || dictionary.containsKey(COSName.XFA)) {
            return Optional.of(Kind.JAVASCRIPT);
        }
        if (LAUNCH.equals(action)) {
            return Optional.of(Kind.LAUNCH);
        }
        if (EMBEDDED_FILE.equals(dictionary.getItem(COSName.TYPE)) || dictionary.containsKey(EMBEDDED_FILES)
                || dictionary.containsKey(COSName.EF) || GO_TO_E.equals(action)
                || FILE_ATTACHMENT.equals(dictionary.getItem(COSName.SUBTYPE))
                || RICH_MEDIA.equals(dictionary.getItem(COSName.SUBTYPE))) {
            return Optional.of(Kind.EMBEDDED_FILE);
        }
        return Optional.empty();
    }
}
