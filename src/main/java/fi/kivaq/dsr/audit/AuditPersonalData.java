package fi.kivaq.dsr.audit;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * Who looked at whose data: by request and contact id only. Callers never write personal data into the detail (a
 * register search keeps its number of results, not the term), so an erasure leaves the log as it is.
 */
@Component
class AuditPersonalData implements PersonalDataOwner {

    @Override
    public List<Table> tables() {
        return List.of(Table.named("audit_log").notPersonal("id", "actor", "action", "request_id", "reference", "detail",
                "occurred_at", "contact_id"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("audit log of views and changes",
                "5 years (accountability, Art. 5(2)); it holds ids, not the data viewed"));
    }
}
