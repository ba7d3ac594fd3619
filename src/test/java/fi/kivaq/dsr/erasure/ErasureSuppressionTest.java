package fi.kivaq.dsr.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

/**
 * A suppression entry (the keyed hash of an erased address) only where the register held something for the address
 * (issue 11, retention): erasing an address the register never held must not add the address's hash to the list.
 */
class ErasureSuppressionTest extends IntegrationTest {

    @Autowired
    Erasure erasure;
    @Autowired
    NewsletterSuppression suppression;
    @Autowired
    TestRegister register;

    @Test
    void erasingAnAddressTheRegisterNeverHeldLeavesNoSuppressionEntry() {
        String email = uniqueAddress("never.held");

        assertThat(erasure.erase(request(email), false)).isEqualTo(Erasure.Scope.NOTHING_HELD);

        assertThat(suppressionRows(email)).isZero();
    }

    @Test
    void erasingAContactLeavesOneSuppressionEntryForItsAddress() {
        String email = uniqueAddress("Held.Contact");
        register.subscriber("Pidetty Yhteystieto", email, "fi");

        assertThat(erasure.erase(request(email), false)).isEqualTo(Erasure.Scope.FULL);

        assertThat(suppressionRows(email)).isEqualTo(1);
        assertThat(suppression.isSuppressed(email.toUpperCase())).isTrue();
    }

    private long request(String email) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, verification_state)
                        values ('DELETION', 'IN_PROGRESS', 'API', 'fi', :email, :normalised, :now, :due, 'VERIFIED')""")
                .param("email", email).param("normalised", EmailAddresses.normalise(email))
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("due", LocalDate.now().plusMonths(1)));
    }

    private long suppressionRows(String email) {
        return jdbc.sql("select count(*) from newsletter_suppression where address_hash = :hash")
                .param("hash", suppression.keyedHash(email)).query(Long.class).single();
    }
}
