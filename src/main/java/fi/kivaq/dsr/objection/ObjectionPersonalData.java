package fi.kivaq.dsr.objection;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** Staff's reasons for upholding or not upholding an objection may describe the person: free text. */
@Component
class ObjectionPersonalData implements PersonalDataOwner {

    /** What stands in for reduced reasons: the column must keep a value. */
    static final String ERASED = "(erased)";

    private final JdbcClient jdbc;

    ObjectionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("objection_decision").personal("reasons")
                .notPersonal("request_id", "compelling_grounds", "stopped_uses", "decided_by", "decided_at"));
    }

    /** Past the accountability period a closed request's decision keeps its outcome; its reasons go. */
    @Override
    public void applyRetention(RetentionDue due) {
        if (due.closedRequestIds().isEmpty()) {
            return;
        }
        due.counts().add("objection reasons reduced", jdbc.sql("update objection_decision set reasons = :erased where request_id in (:ids) and (reasons is null or reasons <> :erased)")
                .param("ids", due.closedRequestIds()).param("erased", ERASED).update());
    }

    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update objection_decision set reasons = :erased where request_id in (:ids)")
                .param("erased", ERASED).param("ids", requests.requestIds()).update();
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("reasons of an objection decision",
                "with the request: reduced with it when the person's data is erased, or once the closed request has "
                        + "outlived dsr.retention.closed-requests"));
    }
}
