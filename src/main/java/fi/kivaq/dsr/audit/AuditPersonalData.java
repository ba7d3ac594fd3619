package fi.kivaq.dsr.audit;

import java.util.List;

import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * Who looked at whose data: by request and contact id only. Callers never write personal data into the detail (a
 * register search keeps its number of results, not the term), so an erasure leaves the log as it is.
 */
@Component
class AuditPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("audit_log").notPersonal("id", "actor", "action", "request_id", "reference", "detail",
                "occurred_at", "contact_id"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("audit log of views and changes",
                "dsr.retention.audit-entries (3 years; accountability, Art. 5(2)); it holds ids, not the data viewed"));
    }

    /** An entry older than the accountability period goes; the retention run's own entry is written after. */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("audit entries deleted", jdbc.sql("delete from audit_log where occurred_at < :cut")
                .param("cut", due.cutOff(due.policy().auditEntries()).atOffset(ZoneOffset.UTC)).update());
    }
}
