package fi.kivaq.dsr.request;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Checks a file that came with a request as evidence of identity (a scanned signed letter, or a digitally signed
 * PDF): its type by its first bytes (never by name or declared type), its size, and for a PDF every digital
 * signature over its byte range. A PDF whose signatures all verify counts as a verified signed request; a PDF
 * with a signature that does not verify is refused, because it was changed after signing.
 */
@Component
public class SignedRequestCheck {

    /** A file that passed the checks. {@code signerSubject} is the signing certificate's subject, when signed. */
    public record Evidence(String fileName, String contentType, byte[] content, String sha256,
                           boolean digitallySigned, String signerSubject) {
    }

    /** Either the accepted evidence or the message code of why it was refused. */
    public record Result(Evidence evidence, String error) {
        public boolean accepted() {
            return error == null;
        }
    }

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final long maxBytes;

    SignedRequestCheck(@Value("${dsr.evidence.max-size:5MB}") DataSize maxSize) {
        this.maxBytes = maxSize.toBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Result check(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            return refused("error.evidence.empty");
        }
        if (content.length > maxBytes) {
            return refused("error.evidence.tooLarge");
        }
        String name = safeName(fileName);
        if (startsWith(content, JPEG)) {
            return accepted(name, "image/jpeg", content, false, null);
        }
        if (startsWith(content, PNG)) {
            return accepted(name, "image/png", content, false, null);
        }
        if (!startsWith(content, PDF)) {
            return refused("error.evidence.type");
        }
        try (PDDocument document = Loader.loadPDF(content)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            String signer = null;
            for (PDSignature signature : signatures) {
                signer = verifiedSigner(signature, content);
                if (signer == null) {
                    return refused("error.evidence.signatureBroken");
                }
            }
            return accepted(name, "application/pdf", content, !signatures.isEmpty(), signer);
        } catch (IOException e) {
            return refused("error.evidence.unreadable");
        }
    }

    /** The signer's subject when the signature verifies over its byte range, else null. */
    private static String verifiedSigner(PDSignature signature, byte[] file) {
        try {
            int[] range = signature.getByteRange();
            if (range == null || range.length != 4 || range[0] != 0 || range[1] < 0 || range[2] < range[1]
                    || range[3] < 0 || (long) range[2] + range[3] > file.length) {
                return null;
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(file)),
                    signature.getContents(file));
            for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> certificates = cms.getCertificates().getMatches(signer.getSID());
                if (certificates.isEmpty()) {
                    return null;
                }
                X509CertificateHolder certificate = certificates.iterator().next();
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    return null;
                }
                return certificate.getSubject().toString();
            }
            return null;
        } catch (Exception e) {
            // any parse or verification error means the signature cannot be trusted
            return null;
        }
    }

    private static Result accepted(String name, String type, byte[] content, boolean signed, String signer) {
        return new Result(new Evidence(name, type, content, sha256(content), signed, signer), null);
    }

    private static Result refused(String code) {
        return new Result(null, code);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    /** Only the last path segment, printable, at most 200 characters: the name is shown to staff, never trusted. */
    private static String safeName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cc}]", "").strip();
        if (name.isEmpty()) {
            name = "evidence";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
