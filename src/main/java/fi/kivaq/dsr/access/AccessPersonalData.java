package fi.kivaq.dsr.access;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The register extracts gathered for access requests (a copy of the person's data) and staff notes on requests
 * (free text that may name the person).
 */
@Component
class AccessPersonalData implements PersonalDataOwner {

    private static final String ERASED = "(erased)";

    private final JdbcClient jdbc;

    AccessPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.named("access_extract").personal("content")
                        .notPersonal("id", "request_id", "data_held", "gathered_at"),
                Table.named("request_note").personal("text")
                        .notPersonal("id", "request_id", "kind", "author", "created_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("register extracts of access requests",
                        "dsr.retention.access-extracts (1 year) after gathering (the signed letter carries the copy)"),
                new Retention("staff notes and refusal reasons",
                        "with the request: dsr.retention.closed-requests (3 years) after closing"));
    }

    /**
     * An extract's content goes after its own period (the signed letter carries the copy), or with its request;
     * notes go with their request.
     */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("access extracts reduced", jdbc.sql("""
                        update access_extract set content = null where content is not null and gathered_at < :cut""")
                .param("cut", due.cutOff(due.policy().accessExtracts()).atOffset(java.time.ZoneOffset.UTC))
                .update());
        if (!due.closedRequestIds().isEmpty()) {
            due.counts().add("access extracts reduced", jdbc.sql("""
                            update access_extract set content = null where content is not null and request_id in (:ids)""")
                    .param("ids", due.closedRequestIds()).update());
            due.counts().add("notes reduced", jdbc.sql("""
                            update request_note set text = :erased where text <> :erased and request_id in (:ids)""")
                    .param("erased", ERASED).param("ids", due.closedRequestIds()).update());
        }
    }

    /** The extract's content and the notes' text go; that an extract was gathered, and when, stays. */
    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update access_extract set content = null where request_id in (:ids)")
                .param("ids", requests.requestIds()).update();
        jdbc.sql("update request_note set text = :erased where request_id in (:ids)")
                .param("erased", ERASED).param("ids", requests.requestIds()).update();
    }
}
