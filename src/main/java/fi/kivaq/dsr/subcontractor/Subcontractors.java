package fi.kivaq.dsr.subcontractor;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.GeneratedKeys;

/** The subcontractors we disclose personal data to, as other modules may add them (e.g. the demo run's). */
@Repository
public class Subcontractors {

    private final JdbcClient jdbc;

    Subcontractors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param kind e.g. {@code FACILITATOR}, {@code IT_SERVICE}; @param language of the mails it gets */
    @Transactional
    public long add(String name, String kind, String email, String language, Instant createdAt) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into subcontractor (name, kind, email, language, created_at)
                        values (:name, :kind, :email, :language, :at)""")
                .param("name", name).param("kind", kind).param("email", email).param("language", language)
                .param("at", createdAt.atOffset(ZoneOffset.UTC)));
    }
}
