package fi.kivaq.dsr.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.support.IntegrationTest;

/** The single-use link component on the real database: states, claim once, replace, revoke, expire, races. */
class SingleUseLinksTest extends IntegrationTest {

    private static final LinkPurpose PURPOSE = new LinkPurpose("TEST_LINK", "/test-link/");
    private static final LinkPurpose OTHER = new LinkPurpose("OTHER_TEST_LINK", "/other-test-link/");
    private static final int ROUNDS = 8;
    private static final int CLICKS = 4;

    @Autowired
    SingleUseLinks links;

    private final ExecutorService pool = Executors.newFixedThreadPool(CLICKS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aLinkIsValidUntilItsOneClaimAndOnlyForItsOwnPurpose() {
        long request = request();
        String token = token(links.issue(PURPOSE, request, 4711, Duration.ofDays(7)));

        SingleUseLinks.Link found = links.find(PURPOSE, token);
        assertThat(found.state()).isEqualTo(LinkState.VALID);
        assertThat(found.requestId()).isEqualTo(request);
        assertThat(found.subjectId()).isEqualTo(4711L);
        assertThat(links.find(PURPOSE, token).state()).as("looking changes nothing").isEqualTo(LinkState.VALID);
        assertThat(links.find(OTHER, token).state()).as("another purpose's page").isEqualTo(LinkState.UNKNOWN);
        assertThat(links.claim(OTHER, token)).isEmpty();

        assertThat(links.claim(PURPOSE, token)).map(SingleUseLinks.Link::subjectId).contains(4711L);
        assertThat(links.claim(PURPOSE, token)).as("second claim").isEmpty();
        assertThat(links.find(PURPOSE, token).state()).isEqualTo(LinkState.USED);
    }

    @Test
    void anExpiredLinkCannotBeClaimedAndOneWithoutExpiryNeverExpires() {
        long request = request();
        String expired = token(links.issue(PURPOSE, request, request, Duration.ZERO));
        String forever = token(links.issue(OTHER, request, request, null));

        assertThat(links.find(PURPOSE, expired).state()).isEqualTo(LinkState.EXPIRED);
        assertThat(links.claim(PURPOSE, expired)).isEmpty();
        assertThat(links.find(OTHER, forever).state()).isEqualTo(LinkState.VALID);
        assertThat(links.claim(OTHER, forever)).isPresent();
    }

    @Test
    void aNewLinkReplacesTheOldOneAndRevokingOrExpiringEndsTheUnusedOnes() {
        long request = request();
        String first = token(links.issue(PURPOSE, request, 1, null));
        String second = token(links.issue(PURPOSE, request, 1, null));
        String otherSubject = token(links.issue(PURPOSE, request, 2, null));
        assertThat(links.find(PURPOSE, first).state()).as("replaced by the reminder's link").isEqualTo(LinkState.UNKNOWN);
        assertThat(links.find(PURPOSE, second).state()).isEqualTo(LinkState.VALID);

        links.revoke(PURPOSE, 1);
        assertThat(links.find(PURPOSE, second).state()).isEqualTo(LinkState.UNKNOWN);
        assertThat(links.find(PURPOSE, otherSubject).state()).as("another subject's link").isEqualTo(LinkState.VALID);

        links.expire(PURPOSE, 2);
        assertThat(links.find(PURPOSE, otherSubject).state()).isEqualTo(LinkState.EXPIRED);

        String used = token(links.issue(OTHER, request, 3, Duration.ofDays(1)));
        links.claim(OTHER, used);
        links.revoke(OTHER, 3);
        links.expire(OTHER, 3);
        assertThat(links.find(OTHER, used).state()).as("a used link stays used").isEqualTo(LinkState.USED);
    }

    @Test
    void madeUpAndMalformedTokensAreUnknown() {
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "<script>", "")) {
            assertThat(links.find(PURPOSE, token).state()).as(token).isEqualTo(LinkState.UNKNOWN);
            assertThat(links.find(PURPOSE, token).known()).isFalse();
            assertThat(links.claim(PURPOSE, token)).isEmpty();
        }
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String token = token(links.issue(PURPOSE, request(), round, Duration.ofDays(1)));
            CyclicBarrier start = new CyclicBarrier(CLICKS);
            List<Future<Optional<SingleUseLinks.Link>>> clicks = new ArrayList<>();
            for (int i = 0; i < CLICKS; i++) {
                clicks.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return links.claim(PURPOSE, token);
                }));
            }
            int winners = 0;
            for (Future<Optional<SingleUseLinks.Link>> click : clicks) {
                winners += click.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(winners).as("round %d", round).isEqualTo(1);
            assertThat(links.find(PURPOSE, token).state()).isEqualTo(LinkState.USED);
        }
    }

    private static String token(SingleUseLinks.IssuedLink link) {
        return link.url().substring(link.url().lastIndexOf('/') + 1);
    }

    /** A closed request row for the links to belong to (its process is not the subject here). */
    private long request() {
        String email = uniqueAddress("links");
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, received_at, due_date, verification_state)
                        values ('ACCESS', 'COMPLETED', 'API', 'fi', :email, :email, :now, :due, 'VERIFIED')""")
                .param("email", email).param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .param("due", LocalDate.now().plusMonths(1)));
    }
}
