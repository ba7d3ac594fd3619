package fi.kivaq.dsr.restriction;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** Staff's reasons for restricting, refusing or lifting a restriction may describe the person: free text. */
@Component
class RestrictionPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    RestrictionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("restriction_decision").personal("reasons", "lift_reasons")
                .notPersonal("request_id", "contact_id", "ground", "granted", "decided_by", "decided_at",
                        "restricted_at", "lift_decided_by", "lift_decided_at", "lifted_at"));
    }

    /** Past the accountability period a closed request's decision keeps its outcome; its reasons go. */
    @Override
    public void applyRetention(RetentionDue due) {
        if (due.closedRequestIds().isEmpty()) {
            return;
        }
        due.counts().add("restriction reasons reduced", jdbc.sql("update restriction_decision set reasons = null, lift_reasons = null where request_id in (:ids) and (reasons is not null or lift_reasons is not null)")
                .param("ids", due.closedRequestIds()).update());
    }

    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update restriction_decision set reasons = null, lift_reasons = null where request_id in (:ids)")
                .param("ids", requests.requestIds()).update();
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("reasons of a restriction decision and of its lifting",
                "with the request: reduced with it when the person's data is erased, or once the closed request has "
                        + "outlived dsr.retention.closed-requests"));
    }
}
