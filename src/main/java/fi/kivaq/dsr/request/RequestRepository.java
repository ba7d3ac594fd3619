package fi.kivaq.dsr.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ObjectionTo;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.VerificationState;

@Repository
public class RequestRepository {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final String COLUMNS = """
            id, reference, type, status, channel, language, requester_email, requester_name, details, contact_id,
            received_at, due_date, verification_state, verification_requested_at, verified_at, closed_at""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RequestRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Inserts the request and gives it its reference, {@code DSR-<year of receipt>-<number>}. */
    DsrRequest insert(NewRequest request, LocalDate dueDate, RequestStatus status, VerificationState verification,
                      Long contactId) {
        return insert(request, dueDate, status, verification, contactId, true);
    }

    /**
     * Inserts the request; with {@code processesStarted} false its processes are left to {@link ProcessStarter},
     * which starts them just after this transaction commits.
     */
    DsrRequest insert(NewRequest request, LocalDate dueDate, RequestStatus status, VerificationState verification,
                      Long contactId, boolean processesStarted) {
        long id = GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into dsr_request (type, status, channel, language, requester_email,
                            requester_email_normalised, requester_name, details, contact_id, received_at,
                            due_date, verification_state, objection_to, processes_started)
                        values (:type, :status, :channel, :language, :email, :emailNormalised, :name, :details,
                            :contact, :receivedAt, :dueDate, :verification, :objectionTo, :processesStarted)""")
                .param("type", request.type().name())
                .param("status", status.name())
                .param("channel", request.channel().name())
                .param("language", request.language().code())
                .param("email", request.email().strip())
                .param("emailNormalised", EmailAddresses.normalise(request.email()))
                .param("name", request.name())
                .param("details", request.details())
                .param("contact", contactId)
                .param("receivedAt", utc(request.receivedAt()))
                .param("dueDate", dueDate)
                .param("verification", verification.name())
                .param("objectionTo", request.objectionTo() == null ? null : request.objectionTo().name())
                .param("processesStarted", processesStarted));
        String reference = "DSR-%d-%05d".formatted(request.receivedAt().atZone(HELSINKI).getYear(), id);
        jdbc.sql("update dsr_request set reference = :reference where id = :id")
                .param("reference", reference).param("id", id).update();
        return findById(id).orElseThrow();
    }

    /** Requests whose processes have not started yet, oldest first (ProcessStarter). */
    List<Long> processStartsDue(int limit) {
        return jdbc.sql("""
                        select id from dsr_request where processes_started = false
                        order by id fetch first %d rows only""".formatted(limit))
                .query(Long.class).list();
    }

    /**
     * Takes the start of this request's processes: true for exactly one caller, whose transaction then starts them.
     * A second node's claim of the same row waits for the first one's commit, then finds it taken.
     */
    boolean claimProcessStart(long id) {
        return jdbc.sql("update dsr_request set processes_started = true where id = :id and processes_started = false")
                .param("id", id).update() == 1;
    }

    /**
     * Locks the request's row until the end of the caller's transaction and says whether its processes have
     * started. A confirm that finds them not started yet records the verification only: the processes, when they
     * start, find the address verified and do not wait for it (the start waits for this lock).
     */
    public boolean lockAndCheckProcessesStarted(long id) {
        return jdbc.sql("select processes_started from dsr_request where id = :id for update")
                .param("id", id).query(Boolean.class).single();
    }

    /** No request was ever filed: imports (the demo's) go only into an empty request table. */
    public boolean isEmpty() {
        return jdbc.sql("select count(*) from dsr_request").query(Long.class).single() == 0;
    }

    /**
     * A request answered before it reached this system (e.g. the demo's year of history for the dashboard): stored
     * verified on receipt and completed at {@code closedAt}, with no process and no {@link RequestClosed} event, since
     * nothing is left to do or to watch.
     */
    @Transactional
    public DsrRequest recordAnswered(NewRequest request, LocalDate dueDate, Instant closedAt) {
        DsrRequest inserted = insert(request, dueDate, RequestStatus.COMPLETED, VerificationState.VERIFIED, null);
        jdbc.sql("update dsr_request set verified_at = :received, closed_at = :closed where id = :id")
                .param("received", utc(request.receivedAt())).param("closed", utc(closedAt))
                .param("id", inserted.id()).update();
        return findById(inserted.id()).orElseThrow();
    }

    /** Requests filed on the public form or by the API from the address since the given moment. */
    long countPublicRequestsSince(String email, Instant since) {
        return jdbc.sql("""
                        select count(*) from dsr_request where requester_email_normalised = :e
                        and channel in ('WEB_FORM', 'API') and received_at >= :since""")
                .param("e", EmailAddresses.normalise(email)).param("since", utc(since))
                .query(Long.class).single();
    }

    /** The request with this id, which must exist (e.g. a process's own request). */
    public DsrRequest get(long id) {
        return findById(id).orElseThrow(() -> RequestNotFound.withId(id));
    }

    /** The request with this reference, which must exist (e.g. one a staff page is addressed by). */
    public DsrRequest get(String reference) {
        return findByReference(reference).orElseThrow(() -> RequestNotFound.withReference(reference));
    }

    /** What an objection is to (the person's choice on the form), or empty for a request of another type. */
    public Optional<ObjectionTo> objectionTo(long id) {
        return jdbc.sql("select objection_to from dsr_request where id = :id and objection_to is not null")
                .param("id", id).query(String.class).optional().map(ObjectionTo::valueOf);
    }

    public Optional<DsrRequest> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where id = :id")
                .param("id", id).query(RequestRepository::map).optional();
    }

    public Optional<DsrRequest> findByReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where reference = :reference")
                .param("reference", reference).query(RequestRepository::map).optional();
    }

    public List<DsrRequest> findLatest(int limit) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request order by received_at desc, id desc fetch first "
                        + limit + " rows only")
                .query(RequestRepository::map).list();
    }

    public void updateStatus(long id, RequestStatus status, Instant at) {
        boolean closing = status == RequestStatus.COMPLETED || status == RequestStatus.CLOSED_UNVERIFIED;
        jdbc.sql("update dsr_request set status = :status, closed_at = :closedAt where id = :id")
                .param("status", status.name())
                .param("closedAt", closing ? utc(at) : null)
                .param("id", id).update();
        if (closing) {
            events.publishEvent(new RequestClosed(id, status, at));
        }
    }

    public void markVerificationRequested(long id, Instant at) {
        jdbc.sql("update dsr_request set verification_requested_at = :at where id = :id")
                .param("at", utc(at)).param("id", id).update();
    }

    public void markVerified(long id, Instant at) {
        jdbc.sql("""
                        update dsr_request set verification_state = 'VERIFIED', verified_at = :at, status = 'IN_PROGRESS'
                        where id = :id""")
                .param("at", utc(at)).param("id", id).update();
    }

    public void markVerificationExpired(long id, Instant at) {
        jdbc.sql("""
                        update dsr_request set verification_state = 'EXPIRED', status = 'CLOSED_UNVERIFIED', closed_at = :at
                        where id = :id""")
                .param("at", utc(at)).param("id", id).update();
        events.publishEvent(new RequestClosed(id, RequestStatus.CLOSED_UNVERIFIED, at));
    }

    /** Records that staff registered the request, and how it reached us. */
    void markRegisteredByStaff(long id, ReceivedVia receivedVia, String staffUser) {
        jdbc.sql("update dsr_request set received_via = :via, registered_by = :by where id = :id")
                .param("via", receivedVia == null ? null : receivedVia.name()).param("by", staffUser).param("id", id)
                .update();
    }

    /** How a staff-registered request reached us; empty for requests the requester filed. */
    public java.util.Optional<ReceivedVia> receivedVia(long id) {
        return jdbc.sql("select received_via from dsr_request where id = :id").param("id", id)
                .query(String.class).optional().map(ReceivedVia::valueOf);
    }

    public void linkContact(long id, long contactId) {
        jdbc.sql("update dsr_request set contact_id = :contact where id = :id")
                .param("contact", contactId).param("id", id).update();
    }

    /** Requests linked to the contact, and those from its address filed before it was linked or without it; newest first. */
    public List<DsrRequest> linkedToContact(long contactId, String normalisedAddress) {
        return jdbc.sql("select " + COLUMNS + """
                         from dsr_request
                        where (contact_id = :contact or requester_email_normalised = :email) and reference is not null
                        order by received_at desc, id desc""")
                .param("contact", contactId).param("email", normalisedAddress)
                .query(RequestRepository::map).list();
    }

    /** A request's id and reference, for modules that keep rows by request id. */
    public record RequestKey(long id, String reference) {
    }

    /**
     * Every request of a person, by the contact or by the (normalised) address, including the one being answered:
     * the access copy's notes and view log are kept by request.
     */
    public List<RequestKey> requestsOfPerson(Long contactId, String normalisedAddress) {
        return jdbc.sql("""
                        select id, reference from dsr_request
                        where (contact_id = :contact or requester_email_normalised = :email) and reference is not null
                        order by received_at, id""")
                .param("contact", contactId).param("email", normalisedAddress)
                .query((rs, i) -> new RequestKey(rs.getLong("id"), rs.getString("reference"))).list();
    }

    /**
     * Every request of an erased person: the erasure itself, those from the same address, and those of the erased
     * contact that the erasure marked (e.g. from an address the person no longer uses).
     */
    public List<Long> requestsOfErasedPerson(long erasureRequestId, String normalisedAddress) {
        return jdbc.sql("""
                        select id from dsr_request
                        where requester_email_normalised = :e or erased_by_request_id = :id or id = :id""")
                .param("e", normalisedAddress).param("id", erasureRequestId).query(Long.class).list();
    }

    /**
     * Closed requests whose accountability period ended before {@code closedBefore} and whose personal data was not
     * reduced yet (an erasure's clean-up reduces its own), oldest first, at most {@code limit}.
     */
    public List<Long> closedAndNotReduced(Instant closedBefore, int limit) {
        return jdbc.sql("""
                        select id from dsr_request
                        where closed_at < :before and personal_data_reduced_at is null
                        order by closed_at, id fetch first %d rows only""".formatted(limit))
                .param("before", utc(closedBefore)).query(Long.class).list();
    }

    /** Of these contacts, those who filed (or were linked to) a request received since the moment: they are active. */
    public List<Long> contactsWithRequestsSince(List<Long> contactIds, Instant since) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct contact_id from dsr_request
                        where contact_id in (:ids) and received_at >= :since""")
                .param("ids", contactIds).param("since", utc(since)).query(Long.class).list();
    }

    /** What an erasure did (scope and the date until which records are kept), without the data it removed. */
    public record ErasureOutcome(String scope, LocalDate retainedUntil) {
    }

    public void recordErasureOutcome(long id, ErasureOutcome outcome) {
        jdbc.sql("update dsr_request set erasure_scope = :scope, retained_until = :until where id = :id")
                .param("scope", outcome.scope()).param("until", outcome.retainedUntil()).param("id", id).update();
    }

    public Optional<ErasureOutcome> erasureOutcome(long id) {
        return jdbc.sql("select erasure_scope, retained_until from dsr_request where id = :id and erasure_scope is not null")
                .param("id", id)
                .query((rs, n) -> new ErasureOutcome(rs.getString("erasure_scope"),
                        rs.getObject("retained_until", LocalDate.class)))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static DsrRequest map(ResultSet rs, int row) throws SQLException {
        Long contactId = rs.getObject("contact_id") == null ? null : rs.getLong("contact_id");
        return new DsrRequest(
                rs.getLong("id"),
                rs.getString("reference"),
                RequestType.valueOf(rs.getString("type")),
                RequestStatus.valueOf(rs.getString("status")),
                RequestChannel.valueOf(rs.getString("channel")),
                Language.fromCode(rs.getString("language")).orElseThrow(),
                rs.getString("requester_email"),
                rs.getString("requester_name"),
                rs.getString("details"),
                contactId,
                instant(rs, "received_at"),
                rs.getObject("due_date", LocalDate.class),
                VerificationState.valueOf(rs.getString("verification_state")),
                instant(rs, "verification_requested_at"),
                instant(rs, "verified_at"),
                instant(rs, "closed_at"));
    }
}
