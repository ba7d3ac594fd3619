package fi.kivaq.dsr.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * Who looked at whose data: by request and contact id only. Callers never write personal data into the detail (a
 * register search keeps its number of results, not the term), so an erasure leaves the log as it is.
 */
@Component
class AuditPersonalData implements PersonalDataOwner {

    private static final List<String> VIEWS = Arrays.stream(AuditLog.Action.values())
            .filter(AuditLog.Action::isView).map(Enum::name).toList();

    private final JdbcClient jdbc;
    private final RequestRepository requests;

    AuditPersonalData(JdbcClient jdbc, RequestRepository requests) {
        this.jdbc = jdbc;
        this.requests = requests;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("audit_log").notPersonal("id", "actor", "action", "request_id", "reference", "detail",
                "occurred_at", "contact_id", "purpose"));
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

    /**
     * The views of the person's data, of the contact and of their requests: dates, what and why; never the viewer
     * (CJEU C-579/21: the log of consultations is the person's data, the employees' identities are not).
     */
    @Override
    public void describe(Person person, AccessCopy copy) {
        List<Long> requestIds = requests.requestsOfPerson(person.contactId(), person.address()).stream()
                .map(RequestRepository.RequestKey::id).toList();
        if (person.contactId() == null && requestIds.isEmpty()) {
            return;
        }
        copy.staffViews(jdbc.sql("""
                        select action, purpose, occurred_at from audit_log
                        where (contact_id = :contact or request_id in (:requests)) and action in (:views)
                        order by occurred_at, id""")
                .param("contact", person.contactId())
                // "in ()" is not SQL: an id no request has stands for none
                .param("requests", requestIds.isEmpty() ? List.of(-1L) : requestIds)
                .param("views", VIEWS)
                .query((rs, i) -> {
                    AuditLog.Action action = AuditLog.Action.valueOf(rs.getString("action"));
                    String purpose = rs.getString("purpose");
                    return new AccessExtract.StaffView(helsinkiDate(rs.getObject("occurred_at", OffsetDateTime.class)),
                            action.name(), purpose != null ? purpose : action.purpose().name());
                })
                .list());
    }

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate();
    }
}
