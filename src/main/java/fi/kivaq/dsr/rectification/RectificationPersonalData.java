package fi.kivaq.dsr.rectification;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** What a rectification changed from and to, and the reason staff wrote to the person. */
@Component
class RectificationPersonalData implements PersonalDataOwner {

    private static final String ERASED = "(erased)";

    private final JdbcClient jdbc;

    RectificationPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.named("rectification_change").personal("current_value", "new_value")
                        .notPersonal("id", "request_id", "field", "decision", "outcome", "applied_at"),
                Table.named("rectification_decision").personal("reason")
                        .notPersonal("request_id", "contact_id", "decided_by", "decided_at", "address_confirmed_at", "register_outcome"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("rectifications: old and new values, decisions and reasons",
                "with the request: dsr.retention.closed-requests (3 years) after closing; the values go with the person's erasure"));
    }

    /** The values and the reason go with the request's reduction, as after an erasure. */
    @Override
    public void applyRetention(RetentionDue due) {
        if (due.closedRequestIds().isEmpty()) {
            return;
        }
        due.counts().add("rectifications reduced", jdbc.sql("""
                        update rectification_change set current_value = null, new_value = :erased
                        where request_id in (:ids) and (new_value is null or new_value <> :erased)""")
                .param("erased", ERASED).param("ids", due.closedRequestIds()).update());
        jdbc.sql("update rectification_decision set reason = null where request_id in (:ids)")
                .param("ids", due.closedRequestIds()).update();
    }

    /** Which fields changed and how staff decided stays; the values and the reason go. */
    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update rectification_change set current_value = null, new_value = :erased where request_id in (:ids)")
                .param("erased", ERASED).param("ids", requests.requestIds()).update();
        jdbc.sql("update rectification_decision set reason = null where request_id in (:ids)")
                .param("ids", requests.requestIds()).update();
    }
}
