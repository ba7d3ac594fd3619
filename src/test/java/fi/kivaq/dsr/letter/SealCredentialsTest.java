package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealCredentialsTest {

    @TempDir
    Path directory;

    @Test
    void devKeystoreIsCreatedOnceAndReused() throws Exception {
        Path keystore = directory.resolve("data/signing/dev-seal.p12");
        SigningProperties properties = SampleLetters.signing(keystore);

        X509Certificate first = new PadesSigner(properties).certificate();
        assertThat(keystore).exists();
        long size = Files.size(keystore);
        var modified = Files.getLastModifiedTime(keystore);

        X509Certificate second = new PadesSigner(properties).certificate();

        assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
        assertThat(Files.size(keystore)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(keystore)).isEqualTo(modified);
    }

    @Test
    void devSealIsAFiveYearCompanySealCertificate() throws Exception {
        X509Certificate certificate = new PadesSigner(SampleLetters.signing(directory.resolve("seal.p12")))
                .certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=KivaQ OyAb,O=KivaQ OyAb,C=FI");
        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertThat(validity.toDays()).isBetween(5 * 365L, 5 * 366L + 1);
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void configuredKeystoreIsUsedInsteadOfTheDevSeal() throws Exception {
        Path created = directory.resolve("prod.p12");
        X509Certificate expected = new PadesSigner(SampleLetters.signing(created)).certificate();
        Path unusedDev = directory.resolve("never/dev.p12");

        SigningProperties configured = new SigningProperties(created.toString(), "test-seal", "kivaq-seal", null,
                unusedDev.toString());

        assertThat(new PadesSigner(configured).certificate().getEncoded()).isEqualTo(expected.getEncoded());
        assertThat(unusedDev).doesNotExist();
    }
}
