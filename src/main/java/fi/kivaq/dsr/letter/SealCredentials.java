package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seal's private key and certificate chain, read from the configured PKCS#12 keystore; without one, from a
 * self-signed development seal that is created once at {@code dsr.signing.dev-keystore} and reused afterwards.
 */
record SealCredentials(PrivateKey key, List<X509Certificate> chain) {

    static final String DEV_SUBJECT = "CN=KivaQ OyAb, O=KivaQ OyAb, C=FI";
    private static final Logger log = LoggerFactory.getLogger(SealCredentials.class);

    SealCredentials {
        chain = List.copyOf(chain);
    }

    X509Certificate certificate() {
        return chain.get(0);
    }

    static SealCredentials load(SigningProperties properties) {
        char[] password = properties.password() == null ? new char[0] : properties.password().toCharArray();
        try {
            if (properties.keystore() != null && !properties.keystore().isBlank()) {
                return fromKeystore(readKeystore(Path.of(properties.keystore()), password), properties.alias(), password);
            }
            Path dev = Path.of(properties.devKeystore() == null ? "./data/signing/dev-seal.p12" : properties.devKeystore());
            if (!Files.exists(dev)) {
                createDevKeystore(dev, alias(properties), password);
            }
            return fromKeystore(readKeystore(dev, password), alias(properties), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the signing keystore", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot load the signing keystore", e);
        }
    }

    private static String alias(SigningProperties properties) {
        return properties.alias() == null || properties.alias().isBlank() ? "kivaq-seal" : properties.alias();
    }

    private static KeyStore readKeystore(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            keystore.load(in, password);
        }
        return keystore;
    }

    private static SealCredentials fromKeystore(KeyStore keystore, String alias, char[] password)
            throws GeneralSecurityException {
        String entry = alias;
        if (entry == null || entry.isBlank()) {
            entry = Collections.list(keystore.aliases()).stream()
                    .filter(a -> isKeyEntry(keystore, a))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The signing keystore holds no private key"));
        }
        if (!keystore.isKeyEntry(entry)) {
            throw new IllegalStateException("The signing keystore has no key entry '" + entry + "'");
        }
        PrivateKey key = (PrivateKey) keystore.getKey(entry, password);
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : keystore.getCertificateChain(entry)) {
            chain.add((X509Certificate) certificate);
        }
        return new SealCredentials(key, chain);
    }

    private static boolean isKeyEntry(KeyStore keystore, String alias) {
        try {
            return keystore.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** EC P-256, valid 5 years, digitalSignature + nonRepudiation: enough for a PAdES seal in the demo run. */
    private static void createDevKeystore(Path path, String alias, char[] password)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();

        // X500Principal encodes C, O, CN in the conventional order (most significant first)
        X500Principal subject = new X500Principal(DEV_SUBJECT);
        Instant now = Instant.now();
        Date notBefore = Date.from(now.minus(Duration.ofMinutes(5)));
        Date notAfter = Date.from(ZonedDateTime.now().plusYears(5).toInstant());
        BigInteger serial = new BigInteger(96, new SecureRandom());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, notBefore, notAfter,
                subject, pair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(pair.getPublic()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));

        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {certificate});
        Path directory = path.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "dev-seal", ".p12.tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            keystore.store(out, password);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        log.warn("Created a self-signed development seal at {} ({}); configure dsr.signing.keystore for production",
                path.toAbsolutePath(), DEV_SUBJECT);
    }
}
