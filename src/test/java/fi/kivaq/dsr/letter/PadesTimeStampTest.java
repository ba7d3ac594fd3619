package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PAdES B-T against a real RFC 3161 peer running in the test. */
class PadesTimeStampTest {

    @TempDir
    static Path keys;

    private static InProcessTimeStampAuthority tsa;

    @BeforeAll
    static void startTsa() throws Exception {
        tsa = new InProcessTimeStampAuthority();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @Test
    void signatureCarriesAValidTimeStampOverTheSignatureValue() throws Exception {
        PadesSigner signer = new PadesSigner(new SigningProperties(null, "test-seal", "kivaq-seal", tsa.url(),
                keys.resolve("seal.p12").toString()));
        LetterService service = new LetterService(new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES), signer);
        Instant before = Instant.now().minusSeconds(1);

        byte[] pdf = service.renderSigned(SampleLetters.letter(LetterType.ACCESS_DATA, "fi"));

        assertThat(tsa.requests()).isEqualTo(1);
        SignerInformation signerInfo = PadesSignerTest.signerInfo(pdf);
        CMSSignedData cms = PadesSignerTest.cms(pdf);
        assertThat(signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder()
                .build(PadesSignerTest.certificate(cms, signerInfo)))).isTrue();

        Attribute attribute = signerInfo.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        assertThat(attribute).as("signature-time-stamp unsigned attribute").isNotNull();
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));
        byte[] signatureValueDigest = MessageDigest.getInstance("SHA-256").digest(signerInfo.getSignature());
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(signatureValueDigest);
        assertThat(Duration.between(before, token.getTimeStampInfo().getGenTime().toInstant()).abs())
                .isLessThan(Duration.ofMinutes(1));

        assertThat(PdfChecks.pdfA3bFailures(pdf)).isEmpty();
    }

    @Test
    void anUnreachableTimeStampAuthorityFailsTheSealInsteadOfSilentlyDowngrading() {
        PadesSigner signer = new PadesSigner(new SigningProperties(null, "test-seal", "kivaq-seal",
                "http://127.0.0.1:1/tsa", keys.resolve("seal.p12").toString()));
        byte[] letter = new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES)
                .render(SampleLetters.letter(LetterType.RECEIPT, "en"));

        assertThatThrownBy(() -> signer.sign(letter)).hasMessageContaining("seal");
    }
}
