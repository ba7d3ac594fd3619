package fi.kivaq.dsr.access;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The register extracts gathered for access requests (a copy of the person's data) and staff notes on requests
 * (free text that may name the person).
 */
@Component
class AccessPersonalData implements PersonalDataOwner {

    private static final String ERASED = "(erased)";

    private final JdbcClient jdbc;
    private final RequestRepository requests;

    AccessPersonalData(JdbcClient jdbc, RequestRepository requests) {
        this.jdbc = jdbc;
        this.requests = requests;
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

    /**
     * What staff wrote on the person's requests (notes and refusal reasons) is data about them (Art. 15(3)); the
     * author is staff's, not theirs, and stays out. The extracts themselves are copies of the rest, not more data.
     */
    @Override
    public void describe(Person person, AccessCopy copy) {
        Map<Long, String> references = requests.requestsOfPerson(person.contactId(), person.address()).stream()
                .collect(Collectors.toMap(RequestRepository.RequestKey::id, RequestRepository.RequestKey::reference));
        if (references.isEmpty()) {
            return;
        }
        copy.staffNotes(jdbc.sql("""
                        select request_id, kind, text, created_at from request_note
                        where request_id in (:requests) order by created_at, id""")
                .param("requests", List.copyOf(references.keySet()))
                .query((rs, i) -> new AccessExtract.StaffNote(
                        helsinkiDate(rs.getObject("created_at", OffsetDateTime.class)),
                        references.get(rs.getLong("request_id")), rs.getString("kind"), rs.getString("text")))
                .list());
    }

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate();
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
