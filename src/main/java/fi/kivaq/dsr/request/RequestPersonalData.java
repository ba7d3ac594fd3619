package fi.kivaq.dsr.request;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The requests themselves (the requester's address, name and details) and the evidence that came with them. After an
 * erasure a request keeps its reference, type, dates and outcome; the address is replaced by its keyed hash.
 */
@Component
class RequestPersonalData implements PersonalDataOwner {

    static final String ERASED = "(erased)";

    private final JdbcClient jdbc;
    private final Clock clock;

    RequestPersonalData(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                // the deadline module owns the columns of an extension and of the overdue state
                Table.named("dsr_request").personal("requester_email", "requester_email_normalised", "requester_name",
                                "details")
                        .notPersonal("id", "reference", "type", "status", "channel", "language", "contact_id",
                                "received_at", "verification_state", "verification_requested_at", "verified_at",
                                "closed_at", "due_date", "received_via", "registered_by", "erasure_scope",
                                "retained_until", "personal_data_reduced_at", "erased_by_request_id", "objection_to",
                                "processes_started"),
                Table.named("request_evidence").personal("file_name", "content", "signer_subject")
                        .notPersonal("id", "request_id", "content_type", "size_bytes", "sha256", "signature_state",
                                "uploaded_by", "uploaded_at", "signed_at", "signing_time_stamped"),
                // a keyed hash of the folded address and a count: nothing without the secret
                Table.named("intake_limit").notPersonal("limit_key", "window_start", "request_count"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("requests: address, name, details",
                        "until the answer and its mails have gone after an erasure; otherwise until "
                                + "dsr.retention.closed-requests (3 years) after closing (accountability, Art. 5(2))"),
                new Retention("requests reduced after an erasure: reference, type, dates, outcome, address hash",
                        "indefinitely: the proof that requests were answered; no name or address"),
                new Retention("evidence of identity (signed or scanned requests)",
                        "dsr.retention.evidence (3 years) after upload, or with the request; the hash stays"),
                new Retention("per-address limit counters (keyed hash, count)",
                        "one limit window (dsr.intake.address-window), then deleted within an hour"));
    }

    /** The person's other requests, by the contact or by the address: not the one being answered. */
    @Override
    public void describe(Person person, AccessCopy copy) {
        copy.previousRequests(jdbc.sql("""
                        select reference, type, received_at, status from dsr_request
                        where (contact_id = :contact or requester_email_normalised = :email) and id <> :excluded
                          and reference is not null
                        order by received_at, id""")
                .param("contact", person.contactId())
                .param("email", person.address())
                .param("excluded", person.requestId())
                .query((rs, i) -> new AccessExtract.PreviousRequest(rs.getString("reference"),
                        requestTypeCode(rs.getString("type")),
                        helsinkiDate(rs.getObject("received_at", OffsetDateTime.class)),
                        statusCode(rs.getString("status"))))
                .list());
    }

    /**
     * Links the erasure to the contact it erases, and marks the contact's other requests (e.g. from an address the
     * person no longer uses) to be reduced with the erasure's own.
     */
    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        long erasureId = erasure.person().requestId();
        erasure.person().contact().ifPresent(contactId -> {
            jdbc.sql("update dsr_request set contact_id = :c where id = :r")
                    .param("c", contactId).param("r", erasureId).update();
            jdbc.sql("update dsr_request set erased_by_request_id = :r where contact_id = :c and id <> :r")
                    .param("r", erasureId).param("c", contactId).update();
        });
        return Optional.empty();
    }

    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("""
                        update dsr_request set requester_email = null, requester_name = null, details = null,
                            requester_email_normalised = :hash, personal_data_reduced_at = :now
                        where id in (:ids)""")
                .param("hash", requests.addressHash())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("ids", requests.requestIds()).update();
        // the file and whatever names the person go; its hash, size and type still say what was checked
        jdbc.sql("""
                        update request_evidence set file_name = :erased, content = :empty, signer_subject = null
                        where request_id in (:ids)""")
                .param("erased", ERASED).param("empty", new byte[0]).param("ids", requests.requestIds()).update();
    }

    /**
     * Requests past their accountability period keep their reference, type, dates and outcome; evidence past its
     * own period keeps its hash, size and verdict.
     */
    @Override
    public void applyRetention(RetentionDue due) {
        if (!due.closedRequestIds().isEmpty()) {
            due.counts().add("requests reduced", jdbc.sql("""
                            update dsr_request set requester_email = null, requester_name = null, details = null,
                                requester_email_normalised = null, personal_data_reduced_at = :now
                            where id in (:ids) and personal_data_reduced_at is null""")
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("ids", due.closedRequestIds()).update());
            due.counts().add("evidence reduced", reduceEvidence("request_id in (:ids)", "ids",
                    due.closedRequestIds()));
        }
        due.counts().add("evidence reduced", reduceEvidence("uploaded_at < :cut", "cut",
                due.cutOff(due.policy().evidence()).atOffset(ZoneOffset.UTC)));
    }

    private int reduceEvidence(String where, String name, Object value) {
        return jdbc.sql("update request_evidence set file_name = :erased, content = :empty, signer_subject = null"
                        + " where file_name <> :erased and " + where)
                .param("erased", ERASED).param("empty", new byte[0]).param(name, value).update();
    }

    // the letter texts know these codes (docs/letters.md); anything else is printed as it is

    private static String requestTypeCode(String type) {
        return "DELETION".equals(type) ? "ERASURE" : type;
    }

    private static String statusCode(String status) {
        return switch (status) {
            case "COMPLETED" -> "ANSWERED";
            case "AWAITING_VERIFICATION", "IN_PROGRESS" -> "OPEN";
            default -> status;
        };
    }

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate();
    }
}
