package fi.kivaq.dsr.letter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The company seal that signs every letter.
 *
 * @param keystore    PKCS#12 keystore with the seal's key and certificate chain; when empty a self-signed
 *                    development seal is created at {@code devKeystore} (once) and used
 * @param password    password of the keystore and of the key
 * @param alias       alias of the key entry; when empty, the first key entry
 * @param tsaUrl      RFC 3161 time-stamp authority; when set the seal is PAdES B-T, else B-B
 * @param devKeystore where the development seal is kept
 */
@ConfigurationProperties("dsr.signing")
public record SigningProperties(
        String keystore,
        @DefaultValue("dev-seal") String password,
        @DefaultValue("kivaq-seal") String alias,
        String tsaUrl,
        @DefaultValue("./data/signing/dev-seal.p12") String devKeystore) {
}
