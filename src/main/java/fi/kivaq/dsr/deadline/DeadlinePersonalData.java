package fi.kivaq.dsr.deadline;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The deadline columns of {@code dsr_request}: an extension and the overdue state. A manager's reason for an
 * extension is free text that may speak of the person; the dates stay, for the on-time figures.
 */
@Component
class DeadlinePersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    DeadlinePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("dsr_request").personal("extension_reason")
                .notPersonal("original_due_date", "extended_at", "extended_by", "overdue_since",
                        "deadline_watch_pending"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("deadline extensions and overdue state",
                "with the request: dsr.retention.closed-requests (3 years) after closing; the reason goes with the person's erasure"));
    }

    /** The extension's reason goes with the request's reduction; the dates stay. */
    @Override
    public void applyRetention(RetentionDue due) {
        if (!due.closedRequestIds().isEmpty()) {
            due.counts().add("extension reasons reduced", jdbc.sql("""
                            update dsr_request set extension_reason = null
                            where id in (:ids) and extension_reason is not null""")
                    .param("ids", due.closedRequestIds()).update());
        }
    }

    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update dsr_request set extension_reason = null where id in (:ids)")
                .param("ids", requests.requestIds()).update();
    }
}
