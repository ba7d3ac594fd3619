package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadesSignerTest {

    @TempDir
    static Path keys;

    private static PadesSigner signer;
    private static byte[] unsigned;
    private static byte[] signed;

    @BeforeAll
    static void sealOneLetter() {
        signer = new PadesSigner(SampleLetters.signing(keys.resolve("seal.p12")));
        unsigned = new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES)
                .render(SampleLetters.letter(LetterType.ERASURE_PARTIAL, "fi"));
        signed = signer.sign(unsigned);
    }

    @Test
    void signatureDictionaryIsPadesBaseline() throws Exception {
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
            assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(signature.getSignDate()).as("/M").isNotNull();
            assertThat(signature.getCOSObject().containsKey("Reference")).as("no DocMDP transform").isFalse();
        }
    }

    @Test
    void byteRangeCoversTheWholeFileExceptTheContentsHole() throws Exception {
        int[] range = byteRange(signed);

        assertThat(range).hasSize(4);
        assertThat(range[0]).isZero();
        assertThat(range[2] + range[3]).isEqualTo(signed.length);
        assertThat((char) signed[range[1]]).isEqualTo('<');
        assertThat((char) signed[range[2] - 1]).isEqualTo('>');
        String hole = new String(signed, range[1] + 1, range[2] - range[1] - 2, "US-ASCII");
        assertThat(hole).matches("[0-9A-Fa-f]+");
        // an incremental update: the rendered letter is kept byte for byte in front of the signature
        assertThat(Arrays.equals(signed, 0, unsigned.length, unsigned, 0, unsigned.length)).isTrue();
    }

    @Test
    void signatureVerifiesOverTheByteRange() throws Exception {
        SignerInformation signerInfo = signerInfo(signed);
        CMSSignedData cms = cms(signed);
        X509CertificateHolder certificate = certificate(cms, signerInfo);

        assertThat(signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
        assertThat(certificate.getEncoded()).isEqualTo(signer.certificate().getEncoded());
    }

    @Test
    void signedAttributesAreThoseOfPadesBaselineB() throws Exception {
        SignerInformation signerInfo = signerInfo(signed);
        AttributeTable attributes = signerInfo.getSignedAttributes();

        assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
        assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
        assertThat(attributes.get(CMSAttributes.signingTime)).as("PAdES forbids signing-time").isNull();
        SigningCertificateV2 signingCertificate = SigningCertificateV2.getInstance(
                attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
        byte[] expectedHash = MessageDigest.getInstance("SHA-256").digest(signer.certificate().getEncoded());
        assertThat(signingCertificate.getCerts()[0].getCertHash()).isEqualTo(expectedHash);
        assertThat(signerInfo.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
    }

    @Test
    void changingAnyByteInTheSignedRangeBreaksTheSignature() throws Exception {
        int[] range = byteRange(signed);
        int[] positions = {0, range[1] / 2, range[1] - 1, range[2], (range[2] + signed.length) / 2, signed.length - 1};
        for (int position : positions) {
            byte[] tampered = signed.clone();
            tampered[position] ^= 0x01;
            assertThat(verifies(tampered, range)).as("byte %d changed", position).isFalse();
        }
        assertThat(verifies(signed, range)).isTrue();
    }

    @Test
    void fileNameFollowsTheReference() {
        LetterService service = new LetterService(new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES), signer);
        assertThat(service.fileName(SampleLetters.letter(LetterType.RECEIPT, "fi")))
                .isEqualTo("KivaQ-DSR-2026-00042-vastaanotto.pdf");
        // the receipt and the answer of one request are two files, not one name saved over the other
        assertThat(service.fileName(SampleLetters.letter(LetterType.ACCESS_NO_DATA, "fi")))
                .isEqualTo("KivaQ-DSR-2026-00042-vastaus.pdf");
        assertThat(service.fileName(SampleLetters.letter(LetterType.RECEIPT, "sv")))
                .isEqualTo("KivaQ-DSR-2026-00042-mottagningsbevis.pdf");
    }

    /** Verifies the CMS in the file over the given byte range, as a reader that trusts the range would. */
    private static boolean verifies(byte[] pdf, int[] range) {
        try {
            byte[] content = new byte[range[1] + range[3]];
            System.arraycopy(pdf, 0, content, 0, range[1]);
            System.arraycopy(pdf, range[2], content, range[1], range[3]);
            byte[] contents = hexToBytes(new String(pdf, range[1] + 1, range[2] - range[1] - 2, "US-ASCII"));
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), contents);
            SignerInformation signerInfo = cms.getSignerInfos().getSigners().iterator().next();
            return signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate(cms, signerInfo)));
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] hexToBytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static int[] byteRange(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getLastSignatureDictionary().getByteRange();
        }
    }

    static CMSSignedData cms(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            return new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    signature.getContents(pdf));
        }
    }

    static SignerInformation signerInfo(byte[] pdf) throws Exception {
        Collection<SignerInformation> signers = cms(pdf).getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        return signers.iterator().next();
    }

    @SuppressWarnings("unchecked")
    static X509CertificateHolder certificate(CMSSignedData cms, SignerInformation signerInfo) {
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signerInfo.getSID());
        assertThat(matches).hasSize(1);
        return matches.iterator().next();
    }
}
