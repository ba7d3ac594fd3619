package fi.kivaq.dsr.request;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import fi.kivaq.dsr.support.EvidencePdfs;
import fi.kivaq.dsr.support.EvidencePdfs.Signer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence check alone, on real PDFs signed with keys and certificates made here: bounded parsing, what a signature
 * proves, active content, file names.
 */
@Tag("fast")
class SignedRequestCheckTest {

    static final String AINO = "aino.virtanen@kemionsaari.example";
    static final Map<String, String> REGISTER = Map.of(AINO, "Aino Virtanen");

    @TempDir
    static Path keys;

    static Signer authority;
    static SignedRequestCheck check;

    @BeforeAll
    static void trustOneAuthority() {
        authority = EvidencePdfs.authority("Test Trust Services");
        Path trustStore = keys.resolve("trusted.pem");
        EvidencePdfs.writePem(trustStore, authority.certificate());
        check = new SignedRequestCheck(DataSize.ofMegabytes(5), DataSize.ofMegabytes(64), Duration.ofSeconds(10), 2,
                trustStore.toString(), "", email -> Optional.ofNullable(REGISTER.get(email)));
    }

    @Test
    void aCrossReferenceStreamThatExpandsToHundredsOfMegabytesIsRefusedBeforePdfBoxReadsIt() {
        byte[] bomb = EvidencePdfs.crossReferenceBomb(256L << 20);
        assertThat(bomb.length).isLessThan(1 << 20);

        SignedRequestCheck.Result result = check.check("pyynto.pdf", bomb, AINO);

        assertThat(result.accepted()).isFalse();
        assertThat(result.error()).isEqualTo("error.evidence.tooMuchContent");
    }

    @Test
    void aContentStreamThatExpandsToHundredsOfMegabytesIsRefusedToo() {
        SignedRequestCheck.Result result = check.check("pyynto.pdf", EvidencePdfs.contentStreamBomb(256L << 20), AINO);

        assertThat(result.error()).isEqualTo("error.evidence.tooMuchContent");
    }

    @Test
    void aCheckThatRunsOutOfTimeIsRefusedAndTheThreadIsFreed() {
        SignedRequestCheck slow = new SignedRequestCheck(DataSize.ofMegabytes(5), DataSize.ofGigabytes(4),
                Duration.ofMillis(50), 1, "", "", email -> Optional.empty());
        try {
            assertThat(slow.check("pyynto.pdf", EvidencePdfs.crossReferenceBomb(200L << 20), AINO).error())
                    .isEqualTo("error.evidence.tooSlow");
            // the worker stops at its deadline instead of decoding on in the background
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slow.checksInProgress() == 0);
        } finally {
            slow.stop();
        }
    }

    @Test
    void aSelfMadeCertificateInTheRequestersNameProvesNothing() {
        Signer forger = EvidencePdfs.selfSigned("CN=Aino Virtanen, O=Forged");
        byte[] pdf = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"), forger);

        SignedRequestCheck.Evidence evidence = accepted(pdf);

        assertThat(evidence.digitallySigned()).isTrue();
        assertThat(evidence.signature()).isEqualTo(SignatureVerdict.UNTRUSTED);
        assertThat(evidence.provesIdentity()).isFalse();
        assertThat(evidence.signerSubject()).contains("CN=Aino Virtanen").contains("O=Forged");
    }

    @Test
    void aTrustedCertificateOfSomeoneElseProvesNothing() {
        byte[] pdf = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"),
                EvidencePdfs.issuedBy(authority, "CN=Mikko Korhonen"));

        assertThat(accepted(pdf).signature()).isEqualTo(SignatureVerdict.NAME_MISMATCH);
    }

    @Test
    void aTrustedCertificateWithTheRegistersNameProvesIdentityInAnyLetterCaseAndWordOrder() {
        byte[] plain = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"),
                EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen"));
        byte[] citizenCard = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"),
                EvidencePdfs.issuedBy(authority, "CN=VIRTANEN A\u00CDNO 999198153, SURNAME=VIRTANEN, GIVENNAME=A\u00CDNO"));

        assertThat(accepted(plain).signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(accepted(plain).provesIdentity()).isTrue();
        assertThat(accepted(citizenCard).signature()).isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    void anAddressOutsideTheRegisterHasNoNameToProve() {
        byte[] pdf = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"),
                EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen"));

        assertThat(check.check("pyynto.pdf", pdf, "someone@else.example").evidence().signature())
                .isEqualTo(SignatureVerdict.NOT_IN_REGISTER);
    }

    @Test
    void bytesAddedAfterTheSignatureMeanItNoLongerProvesAnything() {
        byte[] signed = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"),
                EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen"));
        assertThat(accepted(signed).signature()).isEqualTo(SignatureVerdict.VALID);

        byte[] appended = EvidencePdfs.withAppendedText(signed, "ja poistakaa myös Mikon tiedot");

        assertThat(accepted(appended).signature()).isEqualTo(SignatureVerdict.PARTIAL);
    }

    @Test
    void aCertificateExpiredBeforeSigningOrRevokedProvesNothing() {
        Signer expired = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen",
                Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)));
        assertThat(accepted(EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"), expired)).signature())
                .isEqualTo(SignatureVerdict.EXPIRED);

        Signer revoked = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        byte[] pdf = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"), revoked,
                EvidencePdfs.revocationList(authority, revoked.certificate()));
        assertThat(accepted(pdf).signature()).isEqualTo(SignatureVerdict.REVOKED);
    }

    @Test
    void aPdfThatRunsJavaScriptIsRefused() {
        assertThat(check.check("pyynto.pdf", EvidencePdfs.letterWithJavaScript(), AINO).error())
                .isEqualTo("error.evidence.javascript");
    }

    @Test
    void aPlainPdfAndAScanAreEvidenceWithoutASignature() {
        SignedRequestCheck.Evidence evidence = accepted(EvidencePdfs.letter("Poistakaa tietoni"));
        assertThat(evidence.signature()).isEqualTo(SignatureVerdict.NONE);
        assertThat(evidence.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void hostileFileNamesAreReducedToASafeNameWithTheRealExtension() {
        assertThat(SignedRequestCheck.safeName("../../etc/passwd", "application/pdf")).isEqualTo("passwd.pdf");
        assertThat(SignedRequestCheck.safeName("C:\\Users\\aino\\kirje.pdf", "application/pdf")).isEqualTo("kirje.pdf");
        assertThat(SignedRequestCheck.safeName("kirje\u202Egpj.exe", "image/jpeg")).isEqualTo("kirje_gpj.jpg");
        assertThat(SignedRequestCheck.safeName("a\"; filename=evil.html", "application/pdf")).isEqualTo("a_ filename_evil.pdf");
        assertThat(SignedRequestCheck.safeName("<script>alert(1)</script>.pdf", "application/pdf"))
                .doesNotContain("<").doesNotContain(">").doesNotContain("/").endsWith(".pdf");
        assertThat(SignedRequestCheck.safeName("...", "image/png")).isEqualTo("evidence.png");
        assertThat(SignedRequestCheck.safeName("Pyyntö äiti.pdf", "application/pdf")).isEqualTo("Pyyntö äiti.pdf");
        assertThat(SignedRequestCheck.safeName("x".repeat(500) + ".pdf", "application/pdf")).hasSize(104);
    }

    private static SignedRequestCheck.Evidence accepted(byte[] pdf) {
        SignedRequestCheck.Result result = check.check("pyynto.pdf", pdf, AINO);
        assertThat(result.error()).isNull();
        return result.evidence();
    }
}
