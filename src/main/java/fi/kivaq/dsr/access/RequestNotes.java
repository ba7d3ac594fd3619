package fi.kivaq.dsr.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff notes and a manager's refusal reason: free text that must stay out of the engine's history. */
@Repository
class RequestNotes {

    enum Kind { NOTE, REFUSAL_REASON }

    record Note(Kind kind, String author, String text, OffsetDateTime createdAt) {
    }

    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final Clock clock;

    RequestNotes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void add(long requestId, Kind kind, String author, String text) {
        jdbc.sql("""
                        insert into request_note (request_id, kind, author, text, created_at)
                        values (:request, :kind, :author, :text, :now)""")
                .param("request", requestId).param("kind", kind.name()).param("author", author)
                .param("text", text).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    List<Note> of(long requestId) {
        return jdbc.sql("select kind, author, text, created_at from request_note where request_id = :id order by created_at, id")
                .param("id", requestId)
                .query((rs, i) -> new Note(Kind.valueOf(rs.getString("kind")), rs.getString("author"),
                        rs.getString("text"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** The newest refusal reason a manager recorded. */
    Optional<String> refusalReason(long requestId) {
        return jdbc.sql("""
                        select text from request_note where request_id = :id and kind = 'REFUSAL_REASON'
                        order by created_at desc, id desc fetch first 1 rows only""")
                .param("id", requestId).query(String.class).optional();
    }
}
