package fi.kivaq.dsr.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * For the few slices whose controller reads a table itself ({@code JdbcClient}): the application's schema, migrated
 * by its own Flyway scripts, in a private in-memory H2 database. No engine, no mail, no application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SliceDatabase {

    @Bean
    DataSource sliceDataSource() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:slice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    @Bean
    JdbcClient jdbcClient(DataSource sliceDataSource) {
        return JdbcClient.create(sliceDataSource);
    }

    /** Stores a request row with the given reference, as the intake would; returns its id. */
    public static long request(JdbcClient jdbc, String reference) {
        jdbc.sql("""
                        insert into dsr_request (reference, type, status, channel, language, received_at, verification_state)
                        values (:reference, 'ACCESS', 'COMPLETED', 'API', 'fi', current_timestamp, 'VERIFIED')""")
                .param("reference", reference).update();
        return jdbc.sql("select id from dsr_request where reference = :reference").param("reference", reference)
                .query(Long.class).single();
    }

    /** Stores a sent letter of the request; returns its id. */
    public static long letter(JdbcClient jdbc, long requestId, String type, String fileName, byte[] content) {
        jdbc.sql("""
                        insert into response_letter (request_id, letter_type, file_name, content, sha256, created_at)
                        values (:request, :type, :name, :content, 'x', current_timestamp)""")
                .param("request", requestId).param("type", type).param("name", fileName).param("content", content)
                .update();
        return jdbc.sql("select max(id) from response_letter").query(Long.class).single();
    }
}
