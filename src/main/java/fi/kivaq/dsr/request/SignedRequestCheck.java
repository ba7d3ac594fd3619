package fi.kivaq.dsr.request;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Checks a file that came with a request as evidence of identity (a scanned signed letter, or a digitally signed
 * PDF): its type by its first bytes (never by name or declared type), its size, and for a PDF:
 * <ul>
 * <li>that it can be read within bounded memory and time: every stream's decoded size is measured first
 *     ({@link PdfStreamBudget}), then PDFBox reads it, all on a small bounded pool of threads with a time limit, never
 *     on the request's thread;</li>
 * <li>that it holds no active content (JavaScript, launch actions, embedded files: {@link PdfActiveContent});</li>
 * <li>every digital signature over its byte range: one that does not verify means the file was changed after
 *     signing, and the file is refused.</li>
 * </ul>
 * An intact signature proves identity ({@link SignatureVerdict#VALID}) only if it covers the whole file, its
 * certificate chains to the configured trust store, was valid and not revoked at signing time (by the revocation data
 * that came with the file, {@link RevocationData}; the signing time is a time-stamp's only if the time-stamp itself
 * verifies, else validity is judged now), and names the person the register holds for the address; otherwise the
 * verdict says why, and staff check the request.
 */
@Component
public class SignedRequestCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SignedRequestCheck.class);

    /**
     * A file that passed the checks. {@code signerSubject} is the signing certificate's subject, when signed;
     * {@code signedAt} the time of signing, from a verified time-stamp when {@code timeStamped}, else only the time
     * the signer claims (which the validity checks do not rely on).
     */
    public record Evidence(String fileName, String contentType, byte[] content, String sha256,
                           SignatureVerdict signature, String signerSubject, Date signedAt, boolean timeStamped) {

        public Evidence(String fileName, String contentType, byte[] content, String sha256,
                        SignatureVerdict signature, String signerSubject) {
            this(fileName, contentType, content, sha256, signature, signerSubject, null, false);
        }

        public boolean digitallySigned() {
            return signature != SignatureVerdict.NONE;
        }

        /** The signature proves the requester's identity by itself: no staff check, no link. */
        public boolean provesIdentity() {
            return signature.provesIdentity();
        }
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
    private final long maxDecodedBytes;
    private final Duration timeLimit;
    private final SignerTrust trust;
    private final RegisteredNames registeredNames;
    private final ThreadPoolExecutor checks;

    SignedRequestCheck(DataSize maxSize, DataSize maxDecodedSize, Duration timeLimit, int threads, String trustStore,
                       String trustStorePassword, RegisteredNames registeredNames) {
        this(maxSize, maxDecodedSize, timeLimit, threads, trustStore, trustStorePassword, "", "", registeredNames);
    }

    @Autowired
    SignedRequestCheck(@Value("${dsr.evidence.max-size:5MB}") DataSize maxSize,
                       @Value("${dsr.evidence.max-decoded-size:64MB}") DataSize maxDecodedSize,
                       @Value("${dsr.evidence.check-time-limit:PT10S}") Duration timeLimit,
                       @Value("${dsr.evidence.check-threads:2}") int threads,
                       @Value("${dsr.evidence.trust-store:}") String trustStore,
                       @Value("${dsr.evidence.trust-store-password:}") String trustStorePassword,
                       @Value("${dsr.evidence.tsa-trust-store:}") String tsaTrustStore,
                       @Value("${dsr.evidence.tsa-trust-store-password:}") String tsaTrustStorePassword,
                       RegisteredNames registeredNames) {
        this.maxBytes = maxSize.toBytes();
        this.maxDecodedBytes = maxDecodedSize.toBytes();
        this.timeLimit = timeLimit;
        this.trust = new SignerTrust(trustStore, trustStorePassword, tsaTrustStore, tsaTrustStorePassword);
        this.registeredNames = registeredNames;
        AtomicInteger number = new AtomicInteger();
        // a few files at a time, a short queue, and then "busy": uploads cannot pile up work or memory
        this.checks = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2 * threads),
                runnable -> {
                    Thread thread = new Thread(runnable, "evidence-check-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    /** Checks running or waiting now. */
    int checksInProgress() {
        return checks.getActiveCount() + checks.getQueue().size();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Checks a file for a request from {@code email} (whose name in the register a signature must carry). */
    public Result check(String fileName, byte[] content, String email) {
        if (content == null || content.length == 0) {
            return refused("error.evidence.empty");
        }
        if (content.length > maxBytes) {
            return refused("error.evidence.tooLarge");
        }
        if (startsWith(content, JPEG)) {
            return accepted(safeName(fileName, "image/jpeg"), "image/jpeg", content, SignatureVerdict.NONE, null);
        }
        if (startsWith(content, PNG)) {
            return accepted(safeName(fileName, "image/png"), "image/png", content, SignatureVerdict.NONE, null);
        }
        if (!startsWith(content, PDF)) {
            return refused("error.evidence.type");
        }
        long deadline = System.nanoTime() + timeLimit.toNanos();
        Future<Result> pending;
        try {
            pending = checks.submit(() -> checkPdf(safeName(fileName, "application/pdf"), content, email, deadline));
        } catch (RejectedExecutionException e) {
            return refused("error.evidence.busy");
        }
        try {
            return pending.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return refused("error.evidence.tooSlow");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return refused("error.evidence.tooSlow");
        } catch (ExecutionException e) {
            LOG.warn("Evidence check failed: {}", e.getCause().toString());
            return refused("error.evidence.unreadable");
        }
    }

    private Result checkPdf(String name, byte[] content, String email, long deadline) {
        try {
            PdfStreamBudget.measure(content, maxDecodedBytes, deadline);
        } catch (PdfStreamBudget.Exceeded e) {
            return refused("error.evidence.tooMuchContent");
        } catch (PdfStreamBudget.Encrypted e) {
            return refused("error.evidence.encrypted");
        } catch (InterruptedIOException e) {
            return refused("error.evidence.tooSlow");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return refused("error.evidence.unreadable");
        }
        try (PDDocument document = Loader.loadPDF(new TimedSource(content, deadline), "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(maxDecodedBytes).streamCache)) {
            if (document.isEncrypted()) {
                return refused("error.evidence.encrypted");
            }
            Optional<PdfActiveContent.Kind> active = PdfActiveContent.find(document.getDocument(), deadline);
            if (active.isPresent()) {
                return refused(switch (active.get()) {
                    case JAVASCRIPT -> "error.evidence.javascript";
                    case LAUNCH -> "error.evidence.launch";
                    case EMBEDDED_FILE -> "error.evidence.embeddedFile";
                });
            }
            RevocationData stored = RevocationData.fromDss(document.getDocumentCatalog().getCOSObject());
            List<Signed> signatures = new ArrayList<>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                Signed signed = verified(signature, content);
                if (signed == null) {
                    return refused("error.evidence.signatureBroken");
                }
                signatures.add(signed);
            }
            if (signatures.isEmpty()) {
                return accepted(name, "application/pdf", content, SignatureVerdict.NONE, null);
            }
            Signed whole = signatures.stream().filter(Signed::coversWholeFile).findFirst().orElse(null);
            if (whole == null) {
                // a long-term-validation update after the last signature (PAdES B-LT) adds only its /DSS
                Signed latest = signatures.stream().max(Comparator.comparingLong(Signed::signedEnd)).orElseThrow();
                if (latest.gapIsContents() && onlyValidationDataAfter(content, latest.signedEnd(), document, deadline)) {
                    whole = latest;
                }
            }
            if (whole == null) {
                Signed last = signatures.get(signatures.size() - 1);
                return accepted(name, "application/pdf", content, SignatureVerdict.PARTIAL, last.subject());
            }
            SignerTrust.SigningTime time = signingTime(whole);
            return new Result(new Evidence(name, "application/pdf", content, sha256(content),
                    verdict(whole, stored, time, email), whole.subject(), time.claimed(), time.trusted()), null);
        } catch (InterruptedIOException e) {
            return refused("error.evidence.tooSlow");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return refused("error.evidence.unreadable");
        }
    }

    /** Whether the bytes after {@code signedEnd} are only an update that adds validation data ({@link ValidationDataUpdate}). */
    private boolean onlyValidationDataAfter(byte[] content, long signedEnd, PDDocument whole, long deadline)
            throws InterruptedIOException {
        try (PDDocument signedRevision = Loader.loadPDF(new TimedSource(Arrays.copyOf(content, (int) signedEnd), deadline),
                "", null, null, MemoryUsageSetting.setupMainMemoryOnly(maxDecodedBytes).streamCache)) {
            return ValidationDataUpdate.onlyAddsValidationData(content, signedEnd, whole, signedRevision);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The time of a verified signature time-stamp; else the time the signer claims (the signing-time attribute or
     * the signature dictionary's {@code /M}), which proves nothing, so validity is then judged now.
     */
    private SignerTrust.SigningTime signingTime(Signed signed) {
        Date now = new Date();
        if (signed.stamp() != null) {
            Optional<Date> stamped = trust.stampedTime(signed.stamp(), signed.signatureValue(), signed.certificates());
            if (stamped.isPresent()) {
                return SignerTrust.SigningTime.stamped(stamped.get().after(now) ? now : stamped.get());
            }
            LOG.info("A signature time-stamp did not verify (its signature, its imprint or its authority): "
                    + "the signing time is only the signer's claim");
        }
        return SignerTrust.SigningTime.claimed(signed.claimedAt(), now);
    }

    private SignatureVerdict verdict(Signed signed, RevocationData stored, SignerTrust.SigningTime time, String email) {
        SignerTrust.Outcome trusted = trust.check(signed.certificate(), signed.certificates(),
                signed.revocation().with(stored), time);
        switch (trusted) {
            case UNTRUSTED:
                return SignatureVerdict.UNTRUSTED;
            case NOT_VALID_AT_SIGNING:
                return SignatureVerdict.EXPIRED;
            case REVOKED:
                return SignatureVerdict.REVOKED;
            default:
                break;
        }
        Optional<String> registered = registeredNames.nameFor(email);
        if (registered.isEmpty()) {
            return SignatureVerdict.NOT_IN_REGISTER;
        }
        return SignerNames.matches(signed.holder().getSubject(), registered.get())
                ? SignatureVerdict.VALID : SignatureVerdict.NAME_MISMATCH;
    }

    /** A signature that verified over its byte range, with what its certificate is checked against. */
    private record Signed(X509CertificateHolder holder, X509Certificate certificate, List<X509Certificate> certificates,
                          RevocationData revocation, TimeStampToken stamp, byte[] signatureValue, Date claimedAt,
                          boolean coversWholeFile, boolean gapIsContents, long signedEnd) {
        String subject() {
            return holder.getSubject().toString();
        }
    }

    /** The signature when it verifies over its byte range, else null. */
    private static Signed verified(PDSignature signature, byte[] file) {
        try {
            int[] range = signature.getByteRange();
            if (range == null || range.length != 4 || range[0] != 0 || range[1] <= 0 || range[2] <= range[1]
                    || range[3] < 0 || (long) range[2] + range[3] > file.length) {
                return null;
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(file)),
                    signature.getContents(file));
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return null;
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matching = cms.getCertificates().getMatches(signer.getSID());
            if (matching.isEmpty()) {
                return null;
            }
            X509CertificateHolder holder = matching.iterator().next();
            X509Certificate certificate = certificate(holder);
            // by the public key alone: whether the certificate was valid when signing is the trust check's question
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.getPublicKey()))) {
                return null;
            }
            // the unsigned gap must be exactly the /Contents hex string, and the signed bytes must end the file
            boolean gapIsContents = file[range[1]] == '<' && file[range[2] - 1] == '>';
            boolean whole = gapIsContents && (long) range[2] + range[3] == file.length;
            return new Signed(holder, certificate, certificates(cms), RevocationData.fromSignature(cms, signer),
                    timeStamp(signer), signer.getSignature(), claimedAt(signer, signature), whole, gapIsContents,
                    (long) range[2] + range[3]);
        } catch (Exception e) {
            // any parse or verification error means the signature cannot be trusted
            return null;
        }
    }

    /** The signature time-stamp token (unsigned attribute id-aa-signatureTimeStampToken), not yet verified. */
    private static TimeStampToken timeStamp(SignerInformation signer) {
        try {
            if (signer.getUnsignedAttributes() != null) {
                Attribute stamp = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                if (stamp != null) {
                    return new TimeStampToken(new CMSSignedData(stamp.getAttrValues().getObjectAt(0)
                            .toASN1Primitive().getEncoded()));
                }
            }
        } catch (Exception e) {
            // an unreadable token proves nothing
        }
        return null;
    }

    /** The time the signer claims: the signing-time attribute, else the dictionary's /M; never later than now. */
    private static Date claimedAt(SignerInformation signer, PDSignature signature) {
        Date now = new Date();
        Date claimed = null;
        try {
            if (signer.getSignedAttributes() != null) {
                Attribute time = signer.getSignedAttributes().get(CMSAttributes.signingTime);
                if (time != null) {
                    claimed = Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate();
                }
            }
        } catch (Exception e) {
            claimed = null;
        }
        if (claimed == null) {
            Calendar m = signature.getSignDate();
            claimed = m == null ? now : m.getTime();
        }
        return claimed.after(now) ? now : claimed;
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(CMSSignedData cms) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : (Collection<X509CertificateHolder>) cms.getCertificates().getMatches(null)) {
            certificates.add(certificate(holder));
        }
        return certificates;
    }

    /** The file's bytes for PDFBox, which stop being readable when the check runs out of time. */
    private static final class TimedSource extends RandomAccessReadBuffer {
        private final long deadline;

        TimedSource(byte[] content, long deadline) {
            super(content);
            this.deadline = deadline;
        }

        private void checkTime() throws InterruptedIOException {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("evidence check out of time");
            }
        }

        @Override
        public int read() throws IOException {
            checkTime();
            return super.read();
        }

        @Override
        public int read(byte[] b, int offset, int length) throws IOException {
            checkTime();
            return super.read(b, offset, length);
        }
    }

    private static Result accepted(String name, String type, byte[] content, SignatureVerdict signature, String signer) {
        return new Result(new Evidence(name, type, content, sha256(content), signature, signer), null);
    }

    private static Result refused(String code) {
        return new Result(null, code);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * The name a file is stored and served under: only the last path segment, letters, digits and {@code . - _ ( )}
     * and spaces (anything else, e.g. control or bidirectional-override characters, quotes, slashes, becomes
     * {@code _}), no leading dots, at most 100 characters, and the extension of what the file really is.
     */
    public static String safeName(String fileName, String contentType) {
        String extension = switch (contentType == null ? "" : contentType) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            default -> "";
        };
        String name = fileName == null ? "" : Normalizer.normalize(fileName, Normalizer.Form.NFC).replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(c -> kept.appendCodePoint(
                Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '(' || c == ')' || c == ' '
                        ? c : '_'));
        String base = kept.toString().replaceAll("_{2,}", "_").replaceAll(" {2,}", " ");
        int dot = base.lastIndexOf('.');
        if (dot > 0 && !extension.isEmpty()) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("^[ ._]+", "").replaceAll("[ .]+$", "");
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        if (base.isBlank()) {
            base = "evidence";
        }
        return base + extension.toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
