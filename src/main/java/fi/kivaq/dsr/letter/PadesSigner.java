package fi.kivaq.dsr.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DeadlineCalculator;

/**
 * Seals a PDF with KivaQ's company seal: a PAdES baseline signature (SubFilter ETSI.CAdES.detached) appended as
 * an incremental update, so the signed bytes are the whole file except the {@code /Contents} hole. Signed
 * attributes: content-type, message-digest and ESS signing-certificate-v2 (no signing-time, the time is in
 * {@code /M}); with a time-stamp authority configured the signature time-stamp makes it B-T.
 * An approval signature without DocMDP, so later signatures (e.g. a counter-seal) stay possible.
 */
@Component
class PadesSigner {

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    private static final int SIGNATURE_SPACE = 16 * 1024;
    private static final int SIGNATURE_SPACE_WITH_TIMESTAMP = 32 * 1024;

    private final SealCredentials credentials;
    private final TimeStampClient timeStamps;

    PadesSigner(SigningProperties properties) {
        this.credentials = SealCredentials.load(properties);
        this.timeStamps = properties.tsaUrl() == null || properties.tsaUrl().isBlank()
                ? null : new TimeStampClient(URI.create(properties.tsaUrl()));
    }

    X509Certificate certificate() {
        return credentials.certificate();
    }

    byte[] sign(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(ETSI_CADES_DETACHED);
            signature.setName(commonName(credentials.certificate()));
            signature.setSignDate(Calendar.getInstance(TimeZone.getTimeZone(DeadlineCalculator.HELSINKI)));

            options.setPreferredSignatureSize(timeStamps == null ? SIGNATURE_SPACE : SIGNATURE_SPACE_WITH_TIMESTAMP);
            document.addSignature(signature, options);

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * SIGNATURE_SPACE_WITH_TIMESTAMP);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes()));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not seal the letter", e);
        }
    }

    /** The detached CAdES signature over {@code signedBytes} (the ByteRange of the file). */
    byte[] cms(byte[] signedBytes) throws IOException {
        try {
            X509Certificate certificate = credentials.certificate();
            String algorithm = "EC".equals(credentials.key().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(credentials.key());

            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(
                            MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()),
                            new IssuerSerial(new GeneralNames(new GeneralName(
                                    X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                                    certificate.getSerialNumber())))));
            AttributeTable extra = new AttributeTable(signingCertificate);
            // PAdES forbids the CMS signing-time attribute: the claimed time is /M in the signature dictionary
            CMSAttributeTableGenerator signedAttributes = parameters ->
                    new DefaultSignedAttributeTableGenerator(extra).getAttributes(parameters)
                            .remove(CMSAttributes.signingTime);

            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(signer, certificate));
            generator.addCertificates(new JcaCertStore(credentials.chain()));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(signedBytes), false);
            if (timeStamps != null) {
                signed = withSignatureTimeStamp(signed);
            }
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("Could not create the CMS signature", e);
        }
    }

    /** Adds the RFC 3161 token over the signature value as unsigned attribute (PAdES B-T). */
    private CMSSignedData withSignatureTimeStamp(CMSSignedData signed) throws IOException {
        SignerInformation signerInfo = signed.getSignerInfos().getSigners().iterator().next();
        TimeStampToken token = timeStamps.timeStamp(signerInfo.getSignature());
        Attribute timeStamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signerInfo,
                new AttributeTable(timeStamp));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(List.of(stamped)));
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return names.length > 0 ? names[0].getFirst().getValue().toString()
                : certificate.getSubjectX500Principal().getName();
    }
}
