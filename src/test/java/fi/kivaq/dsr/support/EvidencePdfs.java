package fi.kivaq.dsr.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Real PDFs for the evidence check, made in the test: plain letters, letters signed with keys and certificates made
 * here by BouncyCastle (a certification authority, certificates it issues, a revocation list), decompression bombs
 * and files with active content.
 */
public final class EvidencePdfs {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key with its certificate chain (the signer's certificate first). */
    public record Signer(KeyPair keys, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private EvidencePdfs() {
    }

    // ---- certificates ----

    public static Signer authority(String name) {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate("CN=" + name + ", O=Test Authority", keys,
                new X500Name("CN=" + name + ", O=Test Authority"), keys, true, Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(3650)));
        return new Signer(keys, List.of(certificate));
    }

    public static Signer selfSigned(String subject) {
        KeyPair keys = keyPair();
        return new Signer(keys, List.of(certificate(subject, keys, new X500Name(subject), keys, false,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)))));
    }

    public static Signer issuedBy(Signer authority, String subject) {
        return issuedBy(authority, subject, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static Signer issuedBy(Signer authority, String subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate(subject, keys,
                X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded()), authority.keys(), false,
                notBefore, notAfter);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(authority.chain());
        return new Signer(keys, chain);
    }

    /** A revocation list of the authority that lists the certificate. */
    public static X509CRL revocationList(Signer authority, X509Certificate revoked) {
        try {
            Date now = new Date();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded()), now);
            builder.setNextUpdate(new Date(now.getTime() + 86_400_000L));
            builder.addCRLEntry(revoked.getSerialNumber(), now, CRLReason.keyCompromise);
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(authority.keys().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the authority's certificate as a PEM bundle, as an administrator would configure it. */
    public static void writePem(Path file, X509Certificate... certificates) {
        try {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate certificate : certificates) {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                               boolean authority, Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- documents ----

    /** A one-page letter as PDFBox saves it (object streams and a compressed cross-reference stream). */
    public static byte[] letter(String text) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A letter that runs JavaScript when opened. */
    public static byte[] letterWithJavaScript() {
        try (PDDocument document = Loader.loadPDF(letter("Poistakaa tietoni"))) {
            document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hello');"));
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs the PDF (adbe.pkcs7.detached, as most signing tools do) with the signer's key and chain. */
    public static byte[] signed(byte[] pdf, Signer signer, X509CRL... revocationLists) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setSignDate(Calendar.getInstance());
            document.addSignature(signature);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] content = external.getContent().readAllBytes();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.keys().getPrivate()),
                            signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            for (X509CRL crl : revocationLists) {
                generator.addCRL(new JcaX509CRLHolder(crl));
            }
            external.setSignature(generator.generate(new CMSProcessableByteArray(content), false).getEncoded());
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file with text appended after its end (after the signature): a reader shows it, the signature does not cover it. */
    public static byte[] withAppendedText(byte[] pdf, String text) {
        byte[] extra = ("\n% " + text + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[pdf.length + extra.length];
        System.arraycopy(pdf, 0, result, 0, pdf.length);
        System.arraycopy(extra, 0, result, pdf.length, extra.length);
        return result;
    }

    /**
     * A small PDF whose compressed cross-reference stream expands to {@code zeros} bytes: PDFBox decodes it into memory
     * while loading the file.
     */
    public static byte[] crossReferenceBomb(long zeros) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        write(pdf, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        long catalog = pdf.size();
        write(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        long pages = pdf.size();
        write(pdf, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        long xref = pdf.size();
        byte[] data = deflatedZeros(zeros);
        write(pdf, "3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
                + data.length + " >>\nstream\n");
        pdf.writeBytes(data);
        write(pdf, "\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n");
        assert catalog > 0 && pages > catalog;
        return pdf.toByteArray();
    }

    /** A valid one-page PDF whose page content stream expands to {@code zeros} bytes. */
    public static byte[] contentStreamBomb(long zeros) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(deflatedZeros(zeros));
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            page.setContents(new PDStream(stream));
            return saved(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflatedZeros(long zeros) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long left = zeros; left > 0; left -= chunk.length) {
            deflater.setInput(chunk, 0, (int) Math.min(chunk.length, left));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] saved(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
