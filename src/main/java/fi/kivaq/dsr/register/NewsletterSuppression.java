package fi.kivaq.dsr.register;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;

/**
 * What remains of an erased person: a keyed hash (HMAC-SHA256, secret {@code dsr.suppression.secret}) of the
 * normalised address, so that the address is never added to the newsletter again, in any letter case. Without
 * the secret the hash cannot be tested against guessed addresses.
 */
@Service
public class NewsletterSuppression {

    private final JdbcClient jdbc;
    private final SecretKeySpec key;
    private final Clock clock;

    NewsletterSuppression(JdbcClient jdbc, @Value("${dsr.suppression.secret}") String secret, Clock clock) {
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    public String keyedHash(String email) {
        return keyedHash(newMac(), email);
    }

    private static String keyedHash(Mac mac, String email) {
        return HexFormat.of().formatHex(mac.doFinal(EmailAddresses.normalise(email).getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Transactional
    public void suppress(String email) {
        String hash = keyedHash(email);
        if (!isSuppressed(email)) {
            jdbc.sql("insert into newsletter_suppression (address_hash, created_at) values (:hash, :now)")
                    .param("hash", hash).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
    }

    /**
     * The suppression list as it is now, for checking many addresses at once (an import): one read instead of one
     * per address.
     */
    public java.util.function.Predicate<String> snapshot() {
        java.util.Set<String> hashes = new java.util.HashSet<>(jdbc.sql("select address_hash from newsletter_suppression")
                .query(String.class).list());
        if (hashes.isEmpty()) {
            return email -> false;
        }
        Mac mac = newMac(); // one for the whole check: the caller's thread only
        return email -> hashes.contains(keyedHash(mac, email));
    }

    public boolean isSuppressed(String email) {
        return jdbc.sql("select count(*) from newsletter_suppression where address_hash = :hash")
                .param("hash", keyedHash(email)).query(Long.class).single() > 0;
    }
}
