package fi.kivaq.dsr.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certification authorities whose certificates may prove a requester's identity ({@code dsr.evidence.trust-store}:
 * a PKCS#12 file or a PEM bundle of root or intermediate certificates, e.g. the Finnish DVV roots or an export of the
 * EU trusted lists), and the time-stamp authorities whose time-stamps fix a signature's time (those, and any in
 * {@code dsr.evidence.tsa-trust-store}). Read at every check, so a new file takes effect without a restart; no file
 * means no trusted authority, and every digitally signed request then goes to staff.
 *
 * <p>Revocation is checked offline, against what came with the file ({@link RevocationData}): a CRL counts only if
 * the certificate's issuer signed it; an OCSP response only if the issuer signed it or a responder the issuer
 * certified for it ({@code id-kp-OCSPSigning}), and only for the certificate id it names. When the signing time is
 * proven by a verified time-stamp, a revocation after it does not count (the signature was made before); when the
 * time is only the signer's claim, any revocation counts, since a claim can be backdated. Nothing is fetched over
 * the network: a signature that brings no revocation data is not checked for revocation.
 */
final class SignerTrust {

    private static final Logger LOG = LoggerFactory.getLogger(SignerTrust.class);
    /** Revocation data dated further in the future than this is not believed. */
    private static final long CLOCK_SKEW_MILLIS = 5 * 60_000L;

    /** The outcome of checking the signer's certificate at the signing time. */
    enum Outcome { TRUSTED, UNTRUSTED, NOT_VALID_AT_SIGNING, REVOKED }

    /**
     * When the signature was made: a verified time-stamp's time ({@code trusted}), or else the time the signer
     * claims, which proves nothing; validity is then judged at {@code judgedAt}, the time of the check.
     */
    record SigningTime(Date claimed, boolean trusted, Date judgedAt) {
        static SigningTime stamped(Date stamp) {
            return new SigningTime(stamp, true, stamp);
        }

        static SigningTime claimed(Date claimed, Date now) {
            return new SigningTime(claimed, false, now);
        }
    }

    private final Path trustStore;
    private final char[] password;
    private final Path tsaTrustStore;
    private final char[] tsaPassword;

    SignerTrust(String trustStore, String password) {
        this(trustStore, password, "", "");
    }

    SignerTrust(String trustStore, String password, String tsaTrustStore, String tsaPassword) {
        this.trustStore = path(trustStore);
        this.password = password == null ? new char[0] : password.toCharArray();
        this.tsaTrustStore = path(tsaTrustStore);
        this.tsaPassword = tsaPassword == null ? new char[0] : tsaPassword.toCharArray();
    }

    private static Path path(String file) {
        return file == null || file.isBlank() ? null : Path.of(file.strip());
    }

    boolean configured() {
        return trustStore != null;
    }

    Outcome check(X509Certificate signer, Collection<X509Certificate> included, RevocationData revocation,
                  SigningTime time) {
        Date at = time.judgedAt();
        try {
            signer.checkValidity(at);
        } catch (GeneralSecurityException e) {
            return Outcome.NOT_VALID_AT_SIGNING;
        }
        Set<TrustAnchor> anchors = anchors(trustStore, password);
        if (anchors.isEmpty()) {
            return Outcome.UNTRUSTED;
        }
        List<Object> pool = new ArrayList<>(included);
        pool.addAll(revocation.certificates());
        List<X509Certificate> path = path(signer, pool, at, anchors);
        if (path == null) {
            return Outcome.UNTRUSTED;
        }
        return revoked(path, revocation, time) ? Outcome.REVOKED : Outcome.TRUSTED;
    }

    /**
     * The time of a signature time-stamp (RFC 3161) if the token is genuine: its own signature verifies with its
     * signer's certificate (a time-stamping certificate valid at the time it states), its message imprint is the
     * digest of this signature's value, and its signer chains to a trusted time-stamp authority. Otherwise empty.
     */
    Optional<Date> stampedTime(TimeStampToken token, byte[] signatureValue, Collection<X509Certificate> included) {
        try {
            Date time = token.getTimeStampInfo().getGenTime();
            if (time.getTime() > System.currentTimeMillis() + CLOCK_SKEW_MILLIS) {
                return Optional.empty();
            }
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().build()
                    .get(token.getTimeStampInfo().getHashAlgorithm());
            try (OutputStream out = digest.getOutputStream()) {
                out.write(signatureValue);
            }
            if (!MessageDigest.isEqual(digest.getDigest(), token.getTimeStampInfo().getMessageImprintDigest())) {
                return Optional.empty();
            }
            List<Object> pool = new ArrayList<>(included);
            X509Certificate stamper = null;
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tokenCertificates = token.getCertificates().getMatches(null);
            for (X509CertificateHolder holder : tokenCertificates) {
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
                pool.add(certificate);
                if (token.getSID().match(holder)) {
                    stamper = certificate;
                }
            }
            if (stamper == null) {
                for (X509Certificate certificate : included) {
                    if (token.getSID().match(new X509CertificateHolder(certificate.getEncoded()))) {
                        stamper = certificate;
                    }
                }
            }
            if (stamper == null) {
                return Optional.empty();
            }
            // the token's signature, its certificate's validity at the time stated and its time-stamping usage
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(stamper));
            Set<TrustAnchor> anchors = new HashSet<>(anchors(tsaTrustStore, tsaPassword));
            anchors.addAll(anchors(trustStore, password));
            if (anchors.isEmpty() || path(stamper, pool, time, anchors) == null) {
                return Optional.empty();
            }
            return Optional.of(time);
        } catch (Exception e) {
            // any parse or verification failure: the time-stamp proves nothing
            return Optional.empty();
        }
    }

    /** The certification path from the certificate to a trust anchor at the time (anchor last), or null. */
    private static List<X509Certificate> path(X509Certificate target, Collection<Object> pool, Date at,
                                              Set<TrustAnchor> anchors) {
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, selector);
            List<Object> certificates = new ArrayList<>(pool);
            certificates.add(target);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
            parameters.setDate(at);
            // revocation is checked against the data that came with the file only: no online fetching
            parameters.setRevocationEnabled(false);
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (anchor != null) {
                path.add(anchor);
            }
            return path;
        } catch (CertPathBuilderException e) {
            return null;
        } catch (GeneralSecurityException e) {
            LOG.warn("Could not validate a certificate chain: {}", e.toString());
            return null;
        }
    }

    /** A certificate of the path revoked at the signing time by a CRL or OCSP response its issuer vouches for. */
    private static boolean revoked(List<X509Certificate> path, RevocationData revocation, SigningTime time) {
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            if (revokedByCrl(certificate, issuer, revocation.crls(), time)
                    || revokedByOcsp(certificate, issuer, revocation.ocspResponses(), time)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a revocation at {@code revokedAt} means the certificate was revoked when it signed. */
    private static boolean revokedBeforeSigning(Date revokedAt, SigningTime time) {
        // a claimed time can be backdated: only a time-stamped signature may predate its certificate's revocation
        return !time.trusted() || revokedAt == null || !revokedAt.after(time.judgedAt());
    }

    private static boolean revokedByCrl(X509Certificate certificate, X509Certificate issuer, Collection<X509CRL> crls,
                                        SigningTime time) {
        long latest = System.currentTimeMillis() + CLOCK_SKEW_MILLIS;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    || crl.getThisUpdate().getTime() > latest) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                continue; // not a CRL of this issuer
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
            if (entry != null && revokedBeforeSigning(entry.getRevocationDate(), time)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An OCSP response about the certificate, signed by its issuer or the issuer's delegated responder, that says
     * it was revoked at the signing time. "Good" and "unknown" answers, and answers of anyone else, change nothing:
     * without revocation data the certificate is taken as not revoked anyway.
     */
    private static boolean revokedByOcsp(X509Certificate certificate, X509Certificate issuer,
                                         Collection<BasicOCSPResp> responses, SigningTime time) {
        if (responses.isEmpty()) {
            return false;
        }
        long latest = System.currentTimeMillis() + CLOCK_SKEW_MILLIS;
        try {
            X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.getEncoded());
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            for (BasicOCSPResp response : responses) {
                if (response.getProducedAt() == null || response.getProducedAt().getTime() > latest
                        || !signedByIssuerOrItsResponder(response, issuer)) {
                    continue;
                }
                for (SingleResp single : response.getResponses()) {
                    CertificateID id = single.getCertID();
                    if (!id.getSerialNumber().equals(certificate.getSerialNumber())
                            || !id.matchesIssuer(issuerHolder, digests)
                            || single.getThisUpdate().getTime() > latest) {
                        continue;
                    }
                    if (single.getCertStatus() instanceof RevokedStatus revokedStatus
                            && revokedBeforeSigning(revokedStatus.getRevocationTime(), time)) {
                        return true;
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not read an OCSP response: {}", e.toString());
        }
        return false;
    }

    /** The response is signed by the issuer itself, or by a certificate the issuer gave id-kp-OCSPSigning. */
    private static boolean signedByIssuerOrItsResponder(BasicOCSPResp response, X509Certificate issuer) {
        try {
            if (response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                return true;
            }
        } catch (Exception e) {
            // not the issuer's signature: look for a delegated responder
        }
        for (X509CertificateHolder holder : response.getCerts()) {
            try {
                X509Certificate responder = new JcaX509CertificateConverter().getCertificate(holder);
                List<String> usages = responder.getExtendedKeyUsage();
                if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                        || usages == null || !usages.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                    continue;
                }
                responder.verify(issuer.getPublicKey());
                responder.checkValidity(response.getProducedAt());
                if (response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder.getPublicKey()))) {
                    return true;
                }
            } catch (Exception e) {
                // not a responder of this issuer
            }
        }
        return false;
    }

    private static Set<TrustAnchor> anchors(Path trustStore, char[] password) {
        if (trustStore == null) {
            return Set.of();
        }
        try {
            byte[] bytes = Files.readAllBytes(trustStore);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate certificate : certificates(bytes, password)) {
                anchors.add(new TrustAnchor(certificate, null));
            }
            return anchors;
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Evidence trust store {} cannot be read ({}): no signature counts as proof of identity",
                    trustStore, e.toString());
            return Set.of();
        }
    }

    private static Collection<X509Certificate> certificates(byte[] bytes, char[] password) throws IOException, GeneralSecurityException {
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        if (start.contains("-----BEGIN")) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bytes), password);
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                certificates.add(certificate);
            }
        }
        return certificates;
    }
}
