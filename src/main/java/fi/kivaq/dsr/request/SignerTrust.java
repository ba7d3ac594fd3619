package fi.kivaq.dsr.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certification authorities whose certificates may prove a requester's identity ({@code dsr.evidence.trust-store}:
 * a PKCS#12 file or a PEM bundle of root or intermediate certificates, e.g. the Finnish DVV roots or an export of the
 * EU trusted lists). Read at every check, so a new file takes effect without a restart; no file means no trusted
 * authority, and every digitally signed request then goes to staff. Revocation is checked only against the CRLs
 * that came inside the signature: nothing is fetched over the network.
 */
final class SignerTrust {

    private static final Logger LOG = LoggerFactory.getLogger(SignerTrust.class);

    /** The outcome of checking the signer's certificate at the signing time. */
    enum Outcome { TRUSTED, UNTRUSTED, NOT_VALID_AT_SIGNING, REVOKED }

    private final Path trustStore;
    private final char[] password;

    SignerTrust(String trustStore, String password) {
        this.trustStore = trustStore == null || trustStore.isBlank() ? null : Path.of(trustStore.strip());
        this.password = password == null ? new char[0] : password.toCharArray();
    }

    boolean configured() {
        return trustStore != null;
    }

    Outcome check(X509Certificate signer, Collection<X509Certificate> included, Collection<X509CRL> crls, Date signedAt) {
        try {
            signer.checkValidity(signedAt);
        } catch (GeneralSecurityException e) {
            return Outcome.NOT_VALID_AT_SIGNING;
        }
        Set<TrustAnchor> anchors = anchors();
        if (anchors.isEmpty()) {
            return Outcome.UNTRUSTED;
        }
        List<X509Certificate> path;
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<Object> pool = new ArrayList<>(included);
            pool.add(signer);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            parameters.setDate(signedAt);
            // revocation is checked below against the CRLs in the signature only: no online fetching
            parameters.setRevocationEnabled(false);
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(parameters);
            path = new ArrayList<>();
            for (Certificate certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (anchor != null) {
                path.add(anchor);
            }
        } catch (CertPathBuilderException e) {
            return Outcome.UNTRUSTED;
        } catch (GeneralSecurityException e) {
            LOG.warn("Could not validate a signer's certificate chain: {}", e.toString());
            return Outcome.UNTRUSTED;
        }
        return revoked(path, crls) ? Outcome.REVOKED : Outcome.TRUSTED;
    }

    /** A certificate of the path listed in a CRL that its issuer signed. */
    private static boolean revoked(List<X509Certificate> path, Collection<X509CRL> crls) {
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            BigInteger serial = certificate.getSerialNumber();
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    continue;
                }
                try {
                    crl.verify(issuer.getPublicKey());
                } catch (GeneralSecurityException e) {
                    continue; // not a CRL of this issuer
                }
                X509CRLEntry entry = crl.getRevokedCertificate(serial);
                if (entry != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private Set<TrustAnchor> anchors() {
        if (trustStore == null) {
            return Set.of();
        }
        try {
            byte[] bytes = Files.readAllBytes(trustStore);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate certificate : certificates(bytes)) {
                anchors.add(new TrustAnchor(certificate, null));
            }
            return anchors;
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Evidence trust store {} cannot be read ({}): no signature counts as proof of identity",
                    trustStore, e.toString());
            return Set.of();
        }
    }

    private Collection<X509Certificate> certificates(byte[] bytes) throws IOException, GeneralSecurityException {
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
