package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;

/**
 * This module's tables: {@code rectification_change} (the requested fields) and {@code rectification_decision}
 * (staff's decision, the new address's confirmation, the register outcome); the contact's current values come from
 * the register's API.
 */
@Repository
class RectificationRecords {

    /** The flags the process needs after the decision. */
    record Summary(boolean decided, boolean anyChangeApproved, boolean addressChangeApproved) {
    }

    private final JdbcClient jdbc;
    private final ContactRegister register;
    private final Clock clock;

    RectificationRecords(JdbcClient jdbc, ContactRegister register, Clock clock) {
        this.jdbc = jdbc;
        this.register = register;
        this.clock = clock;
    }

    List<RequestedChange> changes(long requestId) {
        return jdbc.sql("""
                        select field, current_value, new_value, decision, outcome from rectification_change
                        where request_id = :id""")
                .param("id", requestId)
                .query((rs, n) -> new RequestedChange(Field.valueOf(rs.getString("field")),
                        rs.getString("current_value"), rs.getString("new_value"),
                        RequestedChange.Decision.valueOf(rs.getString("decision")),
                        rs.getString("outcome") == null ? null : RequestedChange.Outcome.valueOf(rs.getString("outcome"))))
                .list().stream().sorted(Comparator.comparing(RequestedChange::field)).toList();
    }

    Optional<RequestedChange> approvedChange(long requestId, Field field) {
        return changes(requestId).stream()
                .filter(c -> c.field() == field && c.decision() == RequestedChange.Decision.APPROVED).findFirst();
    }

    Optional<RectificationDecision> decision(long requestId) {
        return jdbc.sql("""
                        select contact_id, reason, decided_by, decided_at, address_confirmed_at, register_outcome
                        from rectification_decision where request_id = :id""")
                .param("id", requestId)
                .query((rs, n) -> new RectificationDecision(rs.getObject("contact_id", Long.class), rs.getString("reason"),
                        rs.getString("decided_by"), instant(rs.getObject("decided_at", OffsetDateTime.class)),
                        instant(rs.getObject("address_confirmed_at", OffsetDateTime.class)),
                        rs.getString("register_outcome") == null ? null
                                : RegisterOutcome.valueOf(rs.getString("register_outcome"))))
                .optional();
    }

    Summary summary(long requestId) {
        boolean decided = decision(requestId).isPresent();
        List<RequestedChange> changes = changes(requestId);
        boolean pending = changes.stream().anyMatch(c -> c.decision() == RequestedChange.Decision.PROPOSED);
        return new Summary(decided && !pending,
                changes.stream().anyMatch(c -> c.decision() == RequestedChange.Decision.APPROVED),
                changes.stream().anyMatch(c -> c.decision() == RequestedChange.Decision.APPROVED
                        && c.field() == Field.EMAIL));
    }

    /** The contact a request is about: the one linked to it, else the one with the requester's address. */
    Optional<Long> contactFor(DsrRequest request) {
        if (request.contactId() != null) {
            return Optional.of(request.contactId());
        }
        return request.requesterEmail() == null ? Optional.empty()
                : register.findContactIdByEmail(request.requesterEmail());
    }

    /** The contact's current value of every field, or an empty map when the contact does not exist. */
    Map<Field, String> currentValues(long contactId) {
        return register.correctableValues(contactId).map(Field::valuesOf).orElse(Map.of());
    }

    /** Another contact already uses the address (the register keeps addresses unique). */
    boolean addressTakenByAnother(String email, long contactId) {
        return register.findContactIdByEmail(email).filter(other -> other != contactId).isPresent();
    }

    void insertChange(long requestId, Field field, String current, String value, RequestedChange.Decision decision) {
        jdbc.sql("""
                        insert into rectification_change (request_id, field, current_value, new_value, decision)
                        values (:id, :field, :current, :value, :decision)""")
                .param("id", requestId).param("field", field.name()).param("current", current)
                .param("value", value).param("decision", decision.name()).update();
    }

    /** Forgets an earlier decision (after a conflict staff decide again from scratch). */
    void deleteDecision(long requestId) {
        jdbc.sql("delete from rectification_change where request_id = :id").param("id", requestId).update();
        jdbc.sql("delete from rectification_decision where request_id = :id").param("id", requestId).update();
    }

    void insertDecision(long requestId, Long contactId, String reason, String staffUser) {
        jdbc.sql("""
                        insert into rectification_decision (request_id, contact_id, reason, decided_by, decided_at)
                        values (:id, :contact, :reason, :by, :now)""")
                .param("id", requestId).param("contact", contactId).param("reason", reason)
                .param("by", staffUser).param("now", now()).update();
    }

    /** A new confirmation link went out: any earlier confirmation no longer counts. */
    void clearAddressConfirmation(long requestId) {
        jdbc.sql("update rectification_decision set address_confirmed_at = null where request_id = :id")
                .param("id", requestId).update();
    }

    void markAddressConfirmed(long requestId) {
        jdbc.sql("update rectification_decision set address_confirmed_at = :now where request_id = :id")
                .param("now", now()).param("id", requestId).update();
    }

    void markAddressChangeLapsed(long requestId) {
        jdbc.sql("""
                        update rectification_change set outcome = 'LAPSED'
                        where request_id = :id and field = 'EMAIL' and decision = 'APPROVED'""")
                .param("id", requestId).update();
    }

    void markApprovedNotApplied(long requestId) {
        jdbc.sql("""
                        update rectification_change set outcome = 'NOT_APPLIED'
                        where request_id = :id and decision = 'APPROVED' and outcome is null""")
                .param("id", requestId).update();
    }

    void markApprovedApplied(long requestId) {
        jdbc.sql("""
                        update rectification_change set outcome = 'APPLIED', applied_at = :now
                        where request_id = :id and decision = 'APPROVED' and outcome is null""")
                .param("now", now()).param("id", requestId).update();
    }

    /** The decision goes back to staff: every field is proposed again, nothing applied. */
    void reopenDecision(long requestId) {
        jdbc.sql("update rectification_change set decision = 'PROPOSED', outcome = null where request_id = :id")
                .param("id", requestId).update();
    }

    RegisterOutcome recordRegisterOutcome(long requestId, RegisterOutcome outcome) {
        jdbc.sql("update rectification_decision set register_outcome = :o where request_id = :id")
                .param("o", outcome.name()).param("id", requestId).update();
        return outcome;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
