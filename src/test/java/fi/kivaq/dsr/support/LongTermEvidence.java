package fi.kivaq.dsr.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import fi.kivaq.dsr.support.EvidencePdfs.Signer;

/**
 * Long-term validation material for the evidence check, made here with BouncyCastle: OCSP responses (by the issuer,
 * a delegated responder or a stranger), RFC 3161 time-stamps (genuine or forged), and PDFs signed with them in each
 * place signing tools put revocation data: the CMS signature, Adobe's {@code adbe-revocationInfoArchival} signed
 * attribute, and the document security store {@code /DSS} (also under {@code /VRI}).
 */
public final class LongTermEvidence {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 10);
    private static final ASN1ObjectIdentifier REVOCATION_INFO_ARCHIVAL = new ASN1ObjectIdentifier("1.2.840.113583.1.1.8");

    /** What goes with a signature besides the signer's chain. */
    public record Extras(List<X509CRL> archivedCrls, List<byte[]> archivedOcsps,
                         Function<byte[], TimeStampToken> stamper, Date claimedSigningTime) {

        public static Extras none() {
            return new Extras(List.of(), List.of(), null, null);
        }

        public Extras archived(List<X509CRL> crls, List<byte[]> ocsps) {
            return new Extras(crls, ocsps, stamper, claimedSigningTime);
        }

        public Extras stampedBy(Function<byte[], TimeStampToken> stamper) {
            return new Extras(archivedCrls, archivedOcsps, stamper, claimedSigningTime);
        }

        public Extras claiming(Date time) {
            return new Extras(archivedCrls, archivedOcsps, stamper, time);
        }
    }

    private LongTermEvidence() {
    }

    // ---- certificates ----

    /** A certificate the authority issues for answering OCSP requests about its certificates (id-kp-OCSPSigning). */
    public static Signer ocspResponder(Signer authority, String name) {
        return issued(authority, "CN=" + name + ", O=Test Authority", KeyPurposeId.id_kp_OCSPSigning, false,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(365)));
    }

    /** A time-stamping certificate (critical id-kp-timeStamping, as RFC 3161 requires) issued by the authority. */
    public static Signer timeStampAuthority(Signer authority, String name) {
        return issued(authority, "CN=" + name + ", O=Test Authority", KeyPurposeId.id_kp_timeStamping, true,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(365)));
    }

    /** A time-stamping certificate nobody vouches for. */
    public static Signer selfMadeTimeStampAuthority(String name) {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate("CN=" + name, keys, new X500Name("CN=" + name), keys,
                KeyPurposeId.id_kp_timeStamping, true, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().plus(Duration.ofDays(365)));
        return new Signer(keys, List.of(certificate));
    }

    private static Signer issued(Signer authority, String subject, KeyPurposeId usage, boolean critical,
                                 Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate(subject, keys,
                X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded()), authority.keys(),
                usage, critical, notBefore, notAfter);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(authority.chain());
        return new Signer(keys, chain);
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                               KeyPurposeId usage, boolean critical, Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(usage));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
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

    // ---- OCSP ----

    public static byte[] ocspGood(Signer responder, Signer issuer, X509Certificate certificate) {
        Date now = new Date();
        return ocsp(responder, issuer, certificate, CertificateStatus.GOOD, now, new Date(now.getTime() + 86_400_000L));
    }

    public static byte[] ocspRevoked(Signer responder, Signer issuer, X509Certificate certificate, Date revokedAt) {
        Date now = new Date();
        return ocsp(responder, issuer, certificate, new RevokedStatus(revokedAt, CRLReason.keyCompromise), now,
                new Date(now.getTime() + 86_400_000L));
    }

    /** An OCSP response (as the OCSPResponse DER a /DSS or the archival attribute holds) signed by the responder. */
    public static byte[] ocsp(Signer responder, Signer issuer, X509Certificate certificate, CertificateStatus status,
                              Date thisUpdate, Date nextUpdate) {
        try {
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1));
            X509CertificateHolder responderCertificate = new X509CertificateHolder(responder.certificate().getEncoded());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responderCertificate.getSubject()));
            builder.addResponse(new CertificateID(sha1, new X509CertificateHolder(issuer.certificate().getEncoded()),
                    certificate.getSerialNumber()), status, thisUpdate, nextUpdate);
            X509CertificateHolder[] chain = new X509CertificateHolder[] {responderCertificate};
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(responder.keys().getPrivate()), chain, new Date());
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- time-stamps ----

    /** A genuine time-stamp by the authority over the data's SHA-256, stating {@code time}. */
    public static TimeStampToken timeStamp(Signer authority, byte[] data, Date time) {
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", authority.keys().getPrivate(),
                            authority.certificate()),
                    new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"));
            tokens.addCertificates(new JcaCertStore(authority.chain()));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(true);
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(data);
            return tokens.generate(requests.generate(TSPAlgorithms.SHA256, imprint),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), time);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- documents ----

    /** The PDF with a document security store (saved before signing, so the signature covers it). */
    public static byte[] withDss(byte[] pdf, List<byte[]> ocsps, List<X509CRL> crls, List<X509Certificate> certificates,
                                 boolean underVri) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary store = new COSDictionary();
            COSArray ocspArray = new COSArray();
            for (byte[] ocsp : ocsps) {
                ocspArray.add(stream(document, ocsp));
            }
            COSArray crlArray = new COSArray();
            for (X509CRL crl : crls) {
                crlArray.add(stream(document, crl.getEncoded()));
            }
            COSArray certificateArray = new COSArray();
            for (X509Certificate certificate : certificates) {
                certificateArray.add(stream(document, certificate.getEncoded()));
            }
            if (underVri) {
                COSDictionary entry = new COSDictionary();
                entry.setItem(COSName.getPDFName("OCSP"), ocspArray);
                entry.setItem(COSName.getPDFName("CRL"), crlArray);
                entry.setItem(COSName.getPDFName("Cert"), certificateArray);
                COSDictionary vri = new COSDictionary();
                vri.setItem(COSName.getPDFName("0123456789ABCDEF0123456789ABCDEF01234567"), entry);
                store.setItem(COSName.getPDFName("VRI"), vri);
            } else {
                store.setItem(COSName.getPDFName("OCSPs"), ocspArray);
                store.setItem(COSName.getPDFName("CRLs"), crlArray);
                store.setItem(COSName.getPDFName("Certs"), certificateArray);
            }
            document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("DSS"), store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static COSStream stream(PDDocument document, byte[] data) throws Exception {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream()) {
            out.write(data);
        }
        return stream;
    }

    /** Signs the PDF like {@link EvidencePdfs#signed}, with the extras: archived revocation data, a time-stamp. */
    public static byte[] signed(byte[] pdf, Signer signer, Extras extras) {
        try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            options.setPreferredSignatureSize(32_000);
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            Calendar claimed = Calendar.getInstance();
            if (extras.claimedSigningTime() != null) {
                claimed.setTime(extras.claimedSigningTime());
            }
            signature.setSignDate(claimed);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] content = external.getContent().readAllBytes();

            JcaSignerInfoGeneratorBuilder signerInfo = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build());
            if (!extras.archivedCrls().isEmpty() || !extras.archivedOcsps().isEmpty()) {
                ASN1EncodableVector archival = new ASN1EncodableVector();
                if (!extras.archivedCrls().isEmpty()) {
                    ASN1EncodableVector crls = new ASN1EncodableVector();
                    for (X509CRL crl : extras.archivedCrls()) {
                        crls.add(CertificateList.getInstance(crl.getEncoded()));
                    }
                    archival.add(new DERTaggedObject(true, 0, new DERSequence(crls)));
                }
                if (!extras.archivedOcsps().isEmpty()) {
                    ASN1EncodableVector ocsps = new ASN1EncodableVector();
                    for (byte[] ocsp : extras.archivedOcsps()) {
                        ocsps.add(OCSPResponse.getInstance(ocsp));
                    }
                    archival.add(new DERTaggedObject(true, 1, new DERSequence(ocsps)));
                }
                signerInfo.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                        new Attribute(REVOCATION_INFO_ARCHIVAL, new DERSet(new DERSequence(archival))))));
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(signer.keys().getPrivate()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            CMSSignedData cms = generator.generate(new CMSProcessableByteArray(content), false);
            if (extras.stamper() != null) {
                SignerInformation information = cms.getSignerInfos().getSigners().iterator().next();
                TimeStampToken token = extras.stamper().apply(information.getSignature());
                information = SignerInformation.replaceUnsignedAttributes(information, new AttributeTable(new Attribute(
                        PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())))));
                cms = CMSSignedData.replaceSigners(cms, new SignerInformationStore(information));
            }
            external.setSignature(cms.getEncoded());
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The signed PDF with a long-term-validation update after the signature, as PAdES B-LT tools make it: an
     * incremental update adding a {@code /DSS} with the OCSP responses to the catalog; with {@code alsoAddText} the
     * same update also writes more text on the page (which the signature does not cover).
     */
    public static byte[] withDssUpdate(byte[] signed, List<byte[]> ocsps, boolean alsoAddText) {
        try (PDDocument document = Loader.loadPDF(signed)) {
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSArray ocspArray = new COSArray();
            for (byte[] ocsp : ocsps) {
                ocspArray.add(stream(document, ocsp));
            }
            ocspArray.setNeedToBeUpdated(true);
            COSDictionary store = new COSDictionary();
            store.setItem(COSName.getPDFName("OCSPs"), ocspArray);
            store.setNeedToBeUpdated(true);
            catalog.setItem(COSName.getPDFName("DSS"), store);
            catalog.setNeedToBeUpdated(true);
            if (alsoAddText) {
                PDPage page = document.getPage(0);
                try (PDPageContentStream content = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, false)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 650);
                    content.showText("ja poistakaa myos Mikon tiedot");
                    content.endText();
                }
                page.getCOSObject().setNeedToBeUpdated(true);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
