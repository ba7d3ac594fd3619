package fi.kivaq.dsr.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Whether what follows a signature's signed bytes is only a long-term-validation update (PAdES B-LT): an incremental
 * update that adds the document security store {@code /DSS} to the catalog and nothing else a reader would show.
 * Allowed in the update: the catalog, changed only in {@code /DSS} and {@code /Extensions}; new objects reachable
 * from the new {@code /DSS} (its arrays, {@code /VRI} entries, the certificate, CRL and OCSP streams); new
 * cross-reference and object streams. Anything else (a page, a content stream, a form field, an annotation, a
 * removed object, an object of the signed revision given new content) means the file was changed after signing.
 */
final class ValidationDataUpdate {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
    private static final int MAX_WALK = 10_000;

    private ValidationDataUpdate() {
    }

    /**
     * @param file            the whole file
     * @param signedEnd       where the signature's signed bytes end
     * @param whole           the whole file, loaded
     * @param signedRevision  the bytes up to {@code signedEnd}, loaded
     */
    static boolean onlyAddsValidationData(byte[] file, long signedEnd, PDDocument whole, PDDocument signedRevision)
            throws IOException {
        if (!endsWithEof(file)) {
            return false;
        }
        COSDocument after = whole.getDocument();
        COSDocument before = signedRevision.getDocument();
        Map<COSObjectKey, Long> newTable = after.getXrefTable();
        Map<COSObjectKey, Long> oldTable = before.getXrefTable();
        if (!newTable.keySet().containsAll(oldTable.keySet())) {
            return false; // an object of the signed revision was removed
        }
        COSObjectKey root = key(after.getTrailer().getItem(COSName.ROOT));
        if (root == null || !root.equals(key(before.getTrailer().getItem(COSName.ROOT)))) {
            return false;
        }
        Set<COSObjectKey> changed = new HashSet<>();
        for (Map.Entry<COSObjectKey, Long> entry : newTable.entrySet()) {
            if (!Objects.equals(entry.getValue(), oldTable.get(entry.getKey()))) {
                changed.add(entry.getKey());
            }
        }
        COSDictionary catalog = whole.getDocumentCatalog().getCOSObject();
        COSBase dss = catalog.getItem(DSS);
        if (!changed.contains(root) || dss == null
                || !sameExcept(catalog, signedRevision.getDocumentCatalog().getCOSObject())) {
            return false;
        }
        Set<COSObjectKey> allowed = reachable(dss);
        allowed.add(root);
        for (COSObjectKey key : changed) {
            if (allowed.contains(key) && (key.equals(root) || !oldTable.containsKey(key))) {
                continue;
            }
            if (!oldTable.containsKey(key) && structural(after.getObjectFromPool(key))) {
                continue;
            }
            return false;
        }
        return true;
    }

    /** The catalogs have the same entries, but for the validation data. */
    private static boolean sameExcept(COSDictionary after, COSDictionary before) {
        Set<COSName> names = new HashSet<>(after.keySet());
        names.addAll(before.keySet());
        names.remove(DSS);
        names.remove(EXTENSIONS);
        for (COSName name : names) {
            if (!same(after.getItem(name), before.getItem(name), 0)) {
                return false;
            }
        }
        return true;
    }

    /** The same value: indirect objects by their key (the table check covers their content), direct ones by content. */
    private static boolean same(COSBase a, COSBase b, int depth) {
        if (a == null || b == null || depth > 20) {
            return false;
        }
        if (a instanceof COSObject || b instanceof COSObject) {
            return key(a) != null && Objects.equals(key(a), key(b));
        }
        if (a instanceof COSStream || b instanceof COSStream) {
            return false; // a stream is always indirect; a direct one here is not what the signer signed
        }
        if (a instanceof COSDictionary da && b instanceof COSDictionary db) {
            if (!da.keySet().equals(db.keySet())) {
                return false;
            }
            for (COSName name : da.keySet()) {
                if (!same(da.getItem(name), db.getItem(name), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSArray aa && b instanceof COSArray ab) {
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!same(aa.get(i), ab.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The keys of the indirect objects the value refers to, directly or through others. */
    private static Set<COSObjectKey> reachable(COSBase start) {
        Set<COSObjectKey> keys = new HashSet<>();
        Deque<COSBase> todo = new ArrayDeque<>();
        todo.add(start);
        int steps = 0;
        while (!todo.isEmpty() && ++steps < MAX_WALK) {
            COSBase value = todo.poll();
            if (value instanceof COSObject object) {
                COSObjectKey key = object.getKey();
                if (key == null || !keys.add(key)) {
                    continue;
                }
                value = object.getObject();
            }
            if (value instanceof COSStream) {
                continue; // data only: its dictionary's references (filters' parameters) are not followed
            }
            if (value instanceof COSDictionary dictionary) {
                todo.addAll(dictionary.getValues());
            } else if (value instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    todo.add(array.get(i));
                }
            }
        }
        return keys;
    }

    /** A cross-reference stream or an object stream: how the update is stored, not what it shows. */
    private static boolean structural(COSObject object) {
        COSBase value = object == null ? null : object.getObject();
        if (value instanceof COSStream stream) {
            COSName type = stream.getCOSName(COSName.TYPE);
            return COSName.XREF.equals(type) || COSName.OBJ_STM.equals(type);
        }
        return false;
    }

    private static COSObjectKey key(COSBase value) {
        return value instanceof COSObject object ? object.getKey() : null;
    }

    private static boolean endsWithEof(byte[] file) {
        int end = file.length;
        while (end > 0 && (file[end - 1] == '\n' || file[end - 1] == '\r' || file[end - 1] == ' ')) {
            end--;
        }
        byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        if (end < eof.length) {
            return false;
        }
        for (int i = 0; i < eof.length; i++) {
            if (file[end - eof.length + i] != eof[i]) {
                return false;
            }
        }
        return true;
    }
}
