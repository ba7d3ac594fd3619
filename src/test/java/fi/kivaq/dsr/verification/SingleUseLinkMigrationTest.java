package fi.kivaq.dsr.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * V9 moves the acknowledgement and new-address tokens into verification_token: a database at V8 with links of all
 * three kinds is migrated, and every link keeps its request, its subject, its expiry and whether it was used. Runs
 * on a fresh H2 database, and on a fresh PostgreSQL schema in the suite's PostgreSQL run.
 */
class SingleUseLinkMigrationTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void linksOfEveryKindSurviveTheMoveIntoOneTable() {
        String schema = "v9_" + Long.toHexString(System.nanoTime());
        DataSource dataSource = dataSource(schema);
        migrate(dataSource, schema, "8");
        JdbcClient jdbc = JdbcClient.create(dataSource);

        long request = GeneratedKeys.insertReturningId(jdbc.sql("""
                insert into dsr_request (reference, type, status, channel, language, received_at, verification_state)
                values ('DSR-2026-00001', 'RECTIFICATION', 'RECEIVED', 'API', 'fi', :t, 'PENDING')""").param("t", T0));
        jdbc.sql("""
                insert into verification_token (request_id, token_hash, created_at, expires_at, used_at)
                values (:r, 'verify-hash', :t, :expires, :t)""")
                .param("r", request).param("t", T0).param("expires", T0.plusDays(7)).update();
        long subcontractor = GeneratedKeys.insertReturningId(jdbc.sql("""
                insert into subcontractor (name, kind, email, language, created_at)
                values ('Alihankkija', 'FACILITATOR', 'a@sub.example', 'sv', :t)""").param("t", T0));
        long confirmed = notification(jdbc, request, subcontractor, "ack-used-hash", "LINK");
        long subcontractor2 = GeneratedKeys.insertReturningId(jdbc.sql("""
                insert into subcontractor (name, kind, email, language, created_at)
                values ('Toinen', 'FACILITATOR', 'b@sub.example', 'fi', :t)""").param("t", T0));
        long waiting = notification(jdbc, request, subcontractor2, "ack-open-hash", null);
        jdbc.sql("""
                insert into rectification_decision (request_id, decided_by, decided_at, address_token_hash,
                    address_link_expires_at)
                values (:r, 'staff', :t, 'address-hash', :expires)""")
                .param("r", request).param("t", T0).param("expires", T0.plusDays(7)).update();

        migrate(dataSource, schema, "9");

        List<Map<String, Object>> links = jdbc.sql("""
                select purpose, request_id, subject_id, token_hash, expires_at, used_at from verification_token
                order by token_hash""").query().listOfRows();
        assertThat(links).extracting(row -> row.get("token_hash") + " " + row.get("purpose") + " "
                        + row.get("subject_id") + " " + (row.get("expires_at") != null) + " " + (row.get("used_at") != null))
                .containsExactly(
                        "ack-open-hash SUBCONTRACTOR_ACKNOWLEDGEMENT " + waiting + " false false",
                        "ack-used-hash SUBCONTRACTOR_ACKNOWLEDGEMENT " + confirmed + " false true",
                        "address-hash NEW_ADDRESS_CONFIRMATION " + request + " true false",
                        "verify-hash ADDRESS_VERIFICATION " + request + " true true");
        assertThat(links).allSatisfy(row -> assertThat(((Number) row.get("request_id")).longValue()).isEqualTo(request));
        assertThat(jdbc.sql("select count(*) from subcontractor_notification").query(Long.class).single()).isEqualTo(2);
        if (onPostgres()) {
            jdbc.sql("drop schema " + schema + " cascade").update();
        }
    }

    private static long notification(JdbcClient jdbc, long request, long subcontractor, String hash, String how) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                insert into subcontractor_notification (request_id, subcontractor_id, token_hash, created_at, sent_at,
                    acknowledged_at, acknowledged_how)
                values (:r, :s, :hash, :t, :t, :ack, :how)""")
                .param("r", request).param("s", subcontractor).param("hash", hash).param("t", T0)
                .param("ack", how == null ? null : T0.plusDays(1)).param("how", how));
    }

    private static void migrate(DataSource dataSource, String schema, String version) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version);
        if (onPostgres()) {
            flyway.schemas(schema);
        }
        flyway.load().migrate();
    }

    private static boolean onPostgres() {
        return System.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    }

    /** A fresh database: H2 in memory, or a new schema in the PostgreSQL database of the suite's second run. */
    private static DataSource dataSource(String schema) {
        String url = System.getProperty("spring.datasource.url", "");
        if (onPostgres()) {
            return new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    System.getProperty("spring.datasource.username"), System.getProperty("spring.datasource.password", ""));
        }
        return new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
