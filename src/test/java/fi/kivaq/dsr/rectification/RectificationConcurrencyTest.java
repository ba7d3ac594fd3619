package fi.kivaq.dsr.rectification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.erasure.Erasure;
import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two requests about the same contact changing the register at the same moment, on the real database: the
 * register change of each holds the contact's row lock, so the end state is one that some serial order would
 * give. Each case runs several rounds, each starting both changes together at a barrier.
 */
class RectificationConcurrencyTest extends IntegrationTest {

    private static final int ROUNDS = 6;

    @Autowired
    RegisterCorrection registerCorrection;
    @Autowired
    RectificationDecisions decisions;
    @Autowired
    Erasure erasure;
    @Autowired
    NewsletterSuppression suppression;
    @Autowired
    TestRegister register;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aRectificationAndAnErasureAtOnceEndWithThePersonErasedAndNothingResurrected() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = uniqueAddress("race-erase");
            long contact = register.subscriber("Kilpa Vanha", email, "fi");
            register.disclose(contact, register.subcontractor("Kilpa Fasilitointi", uniqueAddress("race-sub"), "fi"),
                    "Työpaja");
            long rectification = request("RECTIFICATION", email);
            long deletion = request("DELETION", email);
            decided(rectification, Map.of(Field.NAME, "Kilpa Uusi " + round, Field.ROLE, "Kilpa Rooli"));

            List<Object> results = together(() -> registerCorrection.apply(rectification),
                    () -> erasure.erase(deletion, false));

            RegisterOutcome outcome = (RegisterOutcome) results.get(0);
            assertThat(outcome).isIn(RegisterOutcome.APPLIED, RegisterOutcome.GONE);
            assertThat(results.get(1)).isEqualTo(Erasure.Scope.FULL);
            assertThat(count("select count(*) from contact where id = :id", contact)).isZero();
            assertThat(jdbc.sql("select count(*) from contact where email_normalised = :e or name like 'Kilpa%'")
                    .param("e", EmailAddresses.normalise(email)).query(Long.class).single()).isZero();
            assertThat(count("select count(*) from disclosure where contact_id = :id", contact)).isZero();
            assertThat(suppression.isSuppressed(email)).isTrue();
            assertThat(count("select count(*) from subcontractor_notification where request_id = :id", deletion))
                    .as("the erasure reaches the subcontractor in either order").isEqualTo(1);
            long rectificationNotices = count("select count(*) from subcontractor_notification where request_id = :id",
                    rectification);
            List<String> outcomes = jdbc.sql("select outcome from rectification_change where request_id = :id")
                    .param("id", rectification).query(String.class).list();
            if (outcome == RegisterOutcome.APPLIED) {
                // corrected first, then erased: the subcontractor hears of both
                assertThat(rectificationNotices).isEqualTo(1);
                assertThat(outcomes).containsOnly("APPLIED");
            } else {
                assertThat(rectificationNotices).isZero();
                assertThat(outcomes).containsOnly("NOT_APPLIED");
            }
        }
    }

    @Test
    void twoCorrectionsOfTheSameFieldAtOnceNeverOverwriteEachOtherUnseen() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = uniqueAddress("race-same");
            long contact = register.subscriber("Sama Vanha", email, "fi");
            long first = request("RECTIFICATION", email);
            long second = request("RECTIFICATION", email);
            decided(first, Map.of(Field.NAME, "Sama Ensimmäinen"));
            decided(second, Map.of(Field.NAME, "Sama Toinen"));

            List<Object> results = together(() -> registerCorrection.apply(first), () -> registerCorrection.apply(second));

            assertThat(results).containsExactlyInAnyOrder(RegisterOutcome.APPLIED,
                    RegisterOutcome.CONFLICT);
            String winner = results.get(0) == RegisterOutcome.APPLIED ? "Sama Ensimmäinen" : "Sama Toinen";
            long loser = results.get(0) == RegisterOutcome.APPLIED ? second : first;
            assertThat(jdbc.sql("select name from contact where id = :id").param("id", contact).query(String.class)
                    .single()).isEqualTo(winner);
            assertThat(jdbc.sql("select decision from rectification_change where request_id = :id")
                    .param("id", loser).query(String.class).single())
                    .as("the stale decision goes back to staff").isEqualTo("PROPOSED");
        }
    }

    @Test
    void correctionsOfDifferentFieldsAtOnceBothLand() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String email = uniqueAddress("race-fields");
            long contact = register.subscriber("Kentät Vanha", email, "fi");
            long name = request("RECTIFICATION", email);
            long role = request("RECTIFICATION", email);
            decided(name, Map.of(Field.NAME, "Kentät Uusi"));
            decided(role, Map.of(Field.ROLE, "Kenttärooli"));

            List<Object> results = together(() -> registerCorrection.apply(name), () -> registerCorrection.apply(role));

            assertThat(results).containsOnly(RegisterOutcome.APPLIED);
            assertThat(jdbc.sql("select name || '/' || role from contact where id = :id").param("id", contact)
                    .query(String.class).single()).isEqualTo("Kentät Uusi/Kenttärooli");
        }
    }

    /** Runs both at once, released together by a barrier, and returns their results in order. */
    private List<Object> together(Callable<Object> one, Callable<Object> other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<Object> task : List.of(one, other)) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    /** A request row of the given type from the address, kept off the open lists (its process is not the subject here). */
    private long request(String type, String email) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, verification_state)
                        values (:type, 'COMPLETED', 'API', 'fi', :email, :normalised, :now, :due, 'VERIFIED')""")
                .param("type", type).param("email", email).param("normalised", EmailAddresses.normalise(email))
                .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("due", LocalDate.now().plusMonths(1)));
    }

    /** Staff approved every given change. */
    private void decided(long requestId, Map<Field, String> changes) {
        Set<Field> approved = EnumSet.copyOf(changes.keySet());
        assertThat(decisions.decide(requestId, changes, approved, null, "race-staff").isEmpty()).isTrue();
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
