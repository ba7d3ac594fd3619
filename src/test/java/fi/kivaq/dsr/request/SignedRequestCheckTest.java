package fi.kivaq.dsr.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
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
import fi.kivaq.dsr.support.LongTermEvidence;
import fi.kivaq.dsr.support.LongTermEvidence.Extras;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence check alone, on real PDFs signed with keys and certificates made here: bounded parsing, what a signature
 * proves (also with OCSP responses, CRLs and time-stamps made here, in every place a signing tool puts them), active
 * content, file names.
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

    // ---- revocation data outside the CMS crls field (OCSP, /DSS, adbe-revocationInfoArchival) ----

    @Test
    void aCertificateRevokedByAnOcspResponseInTheDocumentSecurityStoreProvesNothing() {
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        byte[] revoked = LongTermEvidence.ocspRevoked(authority, authority, aino.certificate(), hoursAgo(1));
        byte[] pdf = LongTermEvidence.signed(LongTermEvidence.withDss(EvidencePdfs.letter("Poistakaa tietoni"),
                List.of(revoked), List.of(), List.of(), false), aino, Extras.none());

        SignedRequestCheck.Evidence evidence = accepted(pdf);

        assertThat(evidence.signature()).isEqualTo(SignatureVerdict.REVOKED);
        assertThat(evidence.provesIdentity()).isFalse();
    }

    @Test
    void aGoodAnswerOfTheIssuersDelegatedResponderUnderVriKeepsTheProofAndItsRevokedAnswerRefusesIt() {
        Signer responder = LongTermEvidence.ocspResponder(authority, "Test OCSP Responder");
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        byte[] good = LongTermEvidence.ocspGood(responder, authority, aino.certificate());
        byte[] pdf = LongTermEvidence.signed(LongTermEvidence.withDss(EvidencePdfs.letter("Poistakaa tietoni"),
                List.of(good), List.of(), List.of(responder.certificate()), true), aino, Extras.none());
        assertThat(accepted(pdf).signature()).isEqualTo(SignatureVerdict.VALID);

        byte[] revoked = LongTermEvidence.ocspRevoked(responder, authority, aino.certificate(), hoursAgo(1));
        byte[] refused = LongTermEvidence.signed(LongTermEvidence.withDss(EvidencePdfs.letter("Poistakaa tietoni"),
                List.of(revoked), List.of(), List.of(), true), aino, Extras.none());
        assertThat(accepted(refused).signature()).isEqualTo(SignatureVerdict.REVOKED);
    }

    @Test
    void anOcspAnswerSignedByAStrangerOrAboutAnotherCertificateIsIgnored() {
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        Signer stranger = EvidencePdfs.selfSigned("CN=Test OCSP Responder, O=Test Authority");
        Signer otherAuthority = EvidencePdfs.authority("Other Trust Services");
        Signer otherResponder = LongTermEvidence.ocspResponder(otherAuthority, "Other OCSP Responder");
        Signer mikko = EvidencePdfs.issuedBy(authority, "CN=Mikko Korhonen");
        List<byte[]> answers = List.of(
                LongTermEvidence.ocspRevoked(stranger, authority, aino.certificate(), hoursAgo(1)),
                // a responder, but certified by another authority than Aino's issuer
                LongTermEvidence.ocspRevoked(otherResponder, authority, aino.certificate(), hoursAgo(1)),
                // the issuer's own answer, about someone else's certificate
                LongTermEvidence.ocspRevoked(authority, authority, mikko.certificate(), hoursAgo(1)));
        byte[] pdf = LongTermEvidence.signed(LongTermEvidence.withDss(EvidencePdfs.letter("Poistakaa tietoni"),
                answers, List.of(), List.of(stranger.certificate(), otherResponder.certificate()), false),
                aino, Extras.none());

        assertThat(accepted(pdf).signature()).isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    void aCertificateRevokedByACrlOrOcspInAdobesRevocationInfoArchivalProvesNothing() {
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        byte[] byCrl = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), aino, Extras.none()
                .archived(List.of(EvidencePdfs.revocationList(authority, aino.certificate())), List.of()));
        assertThat(accepted(byCrl).signature()).isEqualTo(SignatureVerdict.REVOKED);

        byte[] byOcsp = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), aino, Extras.none()
                .archived(List.of(), List.of(LongTermEvidence.ocspRevoked(authority, authority, aino.certificate(),
                        hoursAgo(1)))));
        assertThat(accepted(byOcsp).signature()).isEqualTo(SignatureVerdict.REVOKED);

        byte[] good = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), aino, Extras.none()
                .archived(List.of(), List.of(LongTermEvidence.ocspGood(authority, authority, aino.certificate()))));
        assertThat(accepted(good).signature()).isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    void aDssAddedInAnUpdateAfterTheSignatureCountsButAnUpdateThatAlsoChangesThePageDoesNot() {
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen");
        byte[] signed = EvidencePdfs.signed(EvidencePdfs.letter("Poistakaa tietoni"), aino);

        byte[] good = LongTermEvidence.withDssUpdate(signed,
                List.of(LongTermEvidence.ocspGood(authority, authority, aino.certificate())), false);
        assertThat(accepted(good).signature()).isEqualTo(SignatureVerdict.VALID);

        byte[] revoked = LongTermEvidence.withDssUpdate(signed,
                List.of(LongTermEvidence.ocspRevoked(authority, authority, aino.certificate(), hoursAgo(1))), false);
        assertThat(accepted(revoked).signature()).isEqualTo(SignatureVerdict.REVOKED);

        byte[] withText = LongTermEvidence.withDssUpdate(signed,
                List.of(LongTermEvidence.ocspGood(authority, authority, aino.certificate())), true);
        assertThat(accepted(withText).signature()).isEqualTo(SignatureVerdict.PARTIAL);

        byte[] dssThenComment = EvidencePdfs.withAppendedText(good, "ja poistakaa myos Mikon tiedot");
        assertThat(accepted(dssThenComment).signature()).isEqualTo(SignatureVerdict.PARTIAL);
    }

    // ---- the time-stamp's own signature ----

    /** A certificate that expired yesterday, used the day before: only a genuine time-stamp can show that. */
    private static Signer expiredYesterday() {
        return EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen", Instant.now().minus(Duration.ofDays(60)),
                Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void aGenuineTimeStampOfATrustedAuthorityFixesTheSigningTime() {
        Signer tsa = LongTermEvidence.timeStampAuthority(authority, "Test TSA");
        Date twoDaysAgo = hoursAgo(48);
        byte[] pdf = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), expiredYesterday(),
                Extras.none().stampedBy(value -> LongTermEvidence.timeStamp(tsa, value, twoDaysAgo)));

        SignedRequestCheck.Evidence evidence = accepted(pdf);

        assertThat(evidence.signature()).isEqualTo(SignatureVerdict.VALID);
        assertThat(evidence.timeStamped()).isTrue();
        assertThat(evidence.signedAt()).isEqualTo(twoDaysAgo);
    }

    @Test
    void aTimeStampOverOtherBytesOrByAnUntrustedAuthorityDoesNotFixTheTime() {
        Signer tsa = LongTermEvidence.timeStampAuthority(authority, "Test TSA");
        Signer selfMade = LongTermEvidence.selfMadeTimeStampAuthority("Forged TSA");
        Date twoDaysAgo = hoursAgo(48);
        byte[] wrongImprint = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), expiredYesterday(),
                Extras.none().claiming(twoDaysAgo).stampedBy(value -> LongTermEvidence.timeStamp(tsa,
                        "some other signature".getBytes(StandardCharsets.UTF_8), twoDaysAgo)));
        byte[] untrusted = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), expiredYesterday(),
                Extras.none().claiming(twoDaysAgo).stampedBy(value -> LongTermEvidence.timeStamp(selfMade, value,
                        twoDaysAgo)));
        byte[] claimOnly = LongTermEvidence.signed(EvidencePdfs.letter("Poistakaa tietoni"), expiredYesterday(),
                Extras.none().claiming(twoDaysAgo));

        for (byte[] pdf : List.of(wrongImprint, untrusted, claimOnly)) {
            SignedRequestCheck.Evidence evidence = accepted(pdf);
            // the time is only the signer's claim: the certificate is judged now, and it has expired
            assertThat(evidence.timeStamped()).isFalse();
            assertThat(evidence.signature()).isEqualTo(SignatureVerdict.EXPIRED);
        }
    }

    @Test
    void aRevocationAfterATimeStampedSigningDoesNotCountButAfterAClaimedOneItDoes() {
        Signer tsa = LongTermEvidence.timeStampAuthority(authority, "Test TSA");
        Signer aino = EvidencePdfs.issuedBy(authority, "CN=Aino Virtanen", Instant.now().minus(Duration.ofDays(10)),
                Instant.now().plus(Duration.ofDays(300)));
        byte[] revokedYesterday = LongTermEvidence.ocspRevoked(authority, authority, aino.certificate(), hoursAgo(24));
        byte[] letter = LongTermEvidence.withDss(EvidencePdfs.letter("Poistakaa tietoni"), List.of(revokedYesterday),
                List.of(), List.of(), false);

        byte[] stampedBefore = LongTermEvidence.signed(letter, aino,
                Extras.none().stampedBy(value -> LongTermEvidence.timeStamp(tsa, value, hoursAgo(48))));
        assertThat(accepted(stampedBefore).signature()).isEqualTo(SignatureVerdict.VALID);

        byte[] claimedBefore = LongTermEvidence.signed(letter, aino, Extras.none().claiming(hoursAgo(48)));
        assertThat(accepted(claimedBefore).signature()).isEqualTo(SignatureVerdict.REVOKED);

        byte[] stampedAfter = LongTermEvidence.signed(letter, aino,
                Extras.none().stampedBy(value -> LongTermEvidence.timeStamp(tsa, value, hoursAgo(2))));
        assertThat(accepted(stampedAfter).signature()).isEqualTo(SignatureVerdict.REVOKED);
    }

    private static Date hoursAgo(int hours) {
        return Date.from(Instant.now().minus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS));
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
