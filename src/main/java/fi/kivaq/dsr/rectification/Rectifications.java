package fi.kivaq.dsr.rectification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.SecretTokens;
import fi.kivaq.dsr.subcontractor.SubcontractorNotifications;

/**
 * GDPR Art. 16: what a requester asked to change, staff's decision field by field, the register change in one
 * transaction (with a check that nobody changed the same data in the meantime), the confirmation of a new e-mail
 * address before it is used, and the signed answer. The engine sees only the request id and yes/no flags.
 */
@Service
public class Rectifications {

    public enum Decision { PROPOSED, APPROVED, REFUSED }

    public enum Outcome { APPLIED, LAPSED, NOT_APPLIED }

    /**
     * What the register change found: {@code CONFLICT} when the data changed since staff decided (they decide
     * again), {@code GONE} when the contact was erased in the meantime (nothing is resurrected).
     */
    public enum RegisterOutcome { APPLIED, CONFLICT, GONE }

    public enum LinkState { VALID, CONFIRMED, USED, EXPIRED, UNKNOWN }

    /** One field of a request: the value when it was proposed or decided, the requested value, what happened. */
    public record Change(Field field, String currentValue, String newValue, Decision decision, Outcome outcome) {
    }

    /** Staff's decision as recorded, with the state of the new-address confirmation. */
    public record DecisionRecord(Long contactId, String reason, String decidedBy, Instant decidedAt,
                                 Instant addressConfirmedAt, RegisterOutcome registerOutcome) {
    }

    /** The flags the process needs after the decision. */
    public record Summary(boolean decided, boolean anyChangeApproved, boolean addressChangeApproved) {
    }

    /** What the new-address page may show: the request's reference and language, never the address. */
    public record LinkStatus(LinkState state, DsrRequest request) {
    }

    /** Problems with a staff decision, by form field ("NAME", …, or "reason" / "decision"), as message keys. */
    public record Problems(Map<String, String> byField) {
        public boolean none() {
            return byField.isEmpty();
        }
    }

    public static final int MAX_REASON = 1000;

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final RequestIntake intake;
    private final ContactRegister register;
    private final SubcontractorNotifications notifications;
    private final ResponseLetters letters;
    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final MessageSource messages;
    private final AuditLog audit;
    private final DsrProperties properties;
    private final Clock clock;

    Rectifications(JdbcClient jdbc, RequestRepository requests, RequestIntake intake, ContactRegister register,
                   SubcontractorNotifications notifications, ResponseLetters letters, MailOutbox outbox,
                   RuntimeService runtimeService, MessageSource messages, AuditLog audit, DsrProperties properties,
                   Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.intake = intake;
        this.register = register;
        this.notifications = notifications;
        this.letters = letters;
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.messages = messages;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- reading ----

    public List<Change> changes(long requestId) {
        return jdbc.sql("""
                        select field, current_value, new_value, decision, outcome from rectification_change
                        where request_id = :id""")
                .param("id", requestId)
                .query((rs, n) -> new Change(Field.valueOf(rs.getString("field")), rs.getString("current_value"),
                        rs.getString("new_value"), Decision.valueOf(rs.getString("decision")),
                        rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome"))))
                .list().stream().sorted(Comparator.comparing(Change::field)).toList();
    }

    public Optional<DecisionRecord> decision(long requestId) {
        return jdbc.sql("""
                        select contact_id, reason, decided_by, decided_at, address_confirmed_at, register_outcome
                        from rectification_decision where request_id = :id""")
                .param("id", requestId)
                .query((rs, n) -> new DecisionRecord(rs.getObject("contact_id", Long.class), rs.getString("reason"),
                        rs.getString("decided_by"), instant(rs.getObject("decided_at", OffsetDateTime.class)),
                        instant(rs.getObject("address_confirmed_at", OffsetDateTime.class)),
                        rs.getString("register_outcome") == null ? null
                                : RegisterOutcome.valueOf(rs.getString("register_outcome"))))
                .optional();
    }

    /** The contact a request is about: the one linked to it, else the one with the requester's address. */
    public Optional<Long> contactFor(DsrRequest request) {
        if (request.contactId() != null) {
            return Optional.of(request.contactId());
        }
        return request.requesterEmail() == null ? Optional.empty() : register.findContactIdByEmail(request.requesterEmail());
    }

    /** The contact's current value of every field, or an empty map when the contact does not exist. */
    public Map<Field, String> currentValues(long contactId) {
        return jdbc.sql("select name, email, role, language from contact where id = :id")
                .param("id", contactId)
                .query((rs, n) -> values(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language")))
                .optional().orElse(Map.of());
    }

    public Summary summary(long requestId) {
        boolean decided = decision(requestId).isPresent();
        List<Change> changes = changes(requestId);
        boolean pending = changes.stream().anyMatch(c -> c.decision() == Decision.PROPOSED);
        return new Summary(decided && !pending,
                changes.stream().anyMatch(c -> c.decision() == Decision.APPROVED),
                changes.stream().anyMatch(c -> c.decision() == Decision.APPROVED && c.field() == Field.EMAIL));
    }

    // ---- staff ----

    /**
     * A correction started by staff from the register view: a rectification request for the contact, with the
     * proposed values, that then takes the same path as any other (decision, register change, recipients told,
     * signed letter to the person). Returns the new request, or the problems and nothing filed.
     */
    @Transactional
    public Proposal proposeByStaff(long contactId, Map<Field, String> newValues, ReceivedVia receivedVia,
                                   String note, String staffUser) {
        Map<Field, String> current = currentValues(contactId);
        if (current.isEmpty()) {
            return new Proposal(null, new Problems(Map.of("decision", "rectification.error.noContact")));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Field, String> wanted = requested(newValues, current, problems);
        if (wanted.isEmpty() && problems.isEmpty()) {
            problems.put("decision", "rectification.error.nothingRequested");
        }
        String details = note == null ? "" : note.strip();
        if (details.length() > MAX_REASON) {
            problems.put("note", "rectification.error.tooLong");
        }
        if (!problems.isEmpty()) {
            return new Proposal(null, new Problems(problems));
        }
        Language language = Language.fromCode(current.get(Field.LANGUAGE)).orElse(Language.DEFAULT);
        DsrRequest filed = intake.fileForContactByStaff(new NewRequest(RequestType.RECTIFICATION,
                current.get(Field.EMAIL), current.get(Field.NAME), language, details.isEmpty() ? null : details,
                RequestChannel.STAFF, clock.instant()), contactId, receivedVia, staffUser);
        wanted.forEach((field, value) -> insertChange(filed.id(), field, current.get(field), value, Decision.PROPOSED));
        return new Proposal(filed, new Problems(Map.of()));
    }

    /** A staff proposal: the request filed, or why not. */
    public record Proposal(DsrRequest request, Problems problems) {
    }

    /**
     * Records staff's decision: the requested value of each field (blank: nothing requested), which of them are
     * approved, and the reason for whatever is refused (required when anything is). Decided again from scratch
     * after a conflict. Returns the problems, and changes nothing, if the decision cannot stand.
     */
    @Transactional
    public Problems decide(long requestId, Map<Field, String> newValues, Set<Field> approved, String reason,
                           String staffUser) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Optional<Long> contact = contactFor(request);
        Map<Field, String> current = contact.map(this::currentValues).orElse(Map.of());
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Field, String> wanted = requested(newValues, current, problems);
        for (Field field : approved) {
            if (!wanted.containsKey(field) && !problems.containsKey(field.name())) {
                problems.put(field.name(), "rectification.error.approvedWithoutValue");
            }
        }
        if (!approved.isEmpty() && current.isEmpty()) {
            problems.put("decision", "rectification.error.noContact");
        }
        String approvedEmail = approved.contains(Field.EMAIL) ? wanted.get(Field.EMAIL) : null;
        if (approvedEmail != null && contact.isPresent() && addressTakenByAnother(approvedEmail, contact.get())) {
            problems.put(Field.EMAIL.name(), "rectification.error.emailInUse");
        }
        boolean refusesSomething = approved.isEmpty() || wanted.keySet().stream().anyMatch(f -> !approved.contains(f));
        String cleanReason = reason == null ? "" : reason.strip();
        if (refusesSomething && cleanReason.isEmpty()) {
            problems.put("reason", "rectification.error.reasonRequired");
        } else if (cleanReason.length() > MAX_REASON) {
            problems.put("reason", "rectification.error.tooLong");
        }
        if (!problems.isEmpty()) {
            return new Problems(problems);
        }
        jdbc.sql("delete from rectification_change where request_id = :id").param("id", requestId).update();
        jdbc.sql("delete from rectification_decision where request_id = :id").param("id", requestId).update();
        wanted.forEach((field, value) -> insertChange(requestId, field, current.get(field), value,
                approved.contains(field) ? Decision.APPROVED : Decision.REFUSED));
        jdbc.sql("""
                        insert into rectification_decision (request_id, contact_id, reason, decided_by, decided_at)
                        values (:id, :contact, :reason, :by, :now)""")
                .param("id", requestId).param("contact", contact.orElse(null))
                .param("reason", cleanReason.isEmpty() ? null : cleanReason)
                .param("by", staffUser).param("now", now()).update();
        contact.ifPresent(c -> requests.linkContact(requestId, c));
        return new Problems(Map.of());
    }

    // ---- the new address: verified before it is used ----

    /** Mails a single-use link to the new address; nothing else goes there until it is confirmed. */
    @Transactional
    public void sendAddressConfirmation(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        String newAddress = approvedChange(requestId, Field.EMAIL).orElseThrow().newValue();
        String token = SecretTokens.newToken();
        Instant expiresAt = clock.instant().plus(properties.verification().linkValidity());
        jdbc.sql("""
                        update rectification_decision set address_token_hash = :hash, address_link_expires_at = :expires,
                            address_confirmed_at = null
                        where request_id = :id""")
                .param("hash", SecretTokens.hash(token)).param("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .param("id", requestId).update();
        outbox.enqueue(OutgoingMail.of(requestId, newAddress, "address-confirmation", request.language().code(),
                Map.of("reference", request.reference(),
                        "link", properties.publicUrl("/confirm-address/" + token),
                        "validUntil", expiresAt.atZone(DeadlineCalculator.HELSINKI).toLocalDate())));
    }

    public LinkStatus inspectAddressLink(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            return new LinkStatus(LinkState.UNKNOWN, null);
        }
        return jdbc.sql("""
                        select request_id, address_link_expires_at, address_confirmed_at from rectification_decision
                        where address_token_hash = :hash""")
                .param("hash", SecretTokens.hash(token))
                .query((rs, n) -> {
                    DsrRequest request = requests.findById(rs.getLong("request_id")).orElseThrow();
                    if (rs.getObject("address_confirmed_at", OffsetDateTime.class) != null) {
                        return new LinkStatus(LinkState.USED, request);
                    }
                    boolean expired = !rs.getObject("address_link_expires_at", OffsetDateTime.class).toInstant()
                            .isAfter(clock.instant());
                    return new LinkStatus(expired ? LinkState.EXPIRED : LinkState.VALID, request);
                })
                .optional().orElse(new LinkStatus(LinkState.UNKNOWN, null));
    }

    /** The confirm button on the new address's link: the process goes on to change the register. */
    @Transactional
    public LinkStatus confirmAddress(String token) {
        LinkStatus status = inspectAddressLink(token);
        if (status.state() != LinkState.VALID) {
            return status;
        }
        int claimed = jdbc.sql("""
                        update rectification_decision set address_confirmed_at = :now
                        where address_token_hash = :hash and address_confirmed_at is null and address_link_expires_at > :now""")
                .param("now", now()).param("hash", SecretTokens.hash(token)).update();
        if (claimed != 1) {
            return new LinkStatus(LinkState.USED, status.request());
        }
        try {
            runtimeService.createMessageCorrelation(RectificationProcess.MESSAGE_NEW_ADDRESS_CONFIRMED)
                    .processInstanceVariableEquals(ProcessVariables.REQUEST_ID, status.request().id())
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // the process stopped waiting a moment ago (the link's time ran out): the change has lapsed
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new LinkStatus(LinkState.EXPIRED, status.request());
        }
        return new LinkStatus(LinkState.CONFIRMED, status.request());
    }

    /** The new address was never confirmed: the address stays as it was; the rest of the decision stands. */
    @Transactional
    public void lapseAddressChange(long requestId) {
        jdbc.sql("""
                        update rectification_change set outcome = 'LAPSED'
                        where request_id = :id and field = 'EMAIL' and decision = 'APPROVED'""")
                .param("id", requestId).update();
    }

    // ---- the register change ----

    /**
     * Applies the approved changes in one transaction, holding the contact's row lock: an erasure or another
     * rectification of the same contact waits, or has already happened. A change whose field no longer has the
     * value staff decided on is a conflict: nothing is written and the decision goes back to staff. When anything
     * changed, every recipient in the disclosure log is noted for notification in the same transaction.
     */
    @Transactional
    public RegisterOutcome apply(long requestId) {
        DecisionRecord decision = decision(requestId).orElseThrow();
        if (decision.addressConfirmedAt() == null) {
            // a new address is used only once its owner confirmed it
            lapseAddressChange(requestId);
        }
        List<Change> toApply = changes(requestId).stream()
                .filter(c -> c.decision() == Decision.APPROVED && c.outcome() != Outcome.LAPSED).toList();
        if (toApply.isEmpty()) {
            return registerOutcome(requestId, RegisterOutcome.APPLIED);
        }
        long contactId = Objects.requireNonNull(decision.contactId(), "approved changes without a contact");
        Optional<Map<Field, String>> locked = jdbc.sql("""
                        select name, email, role, language from contact where id = :id for update""")
                .param("id", contactId)
                .query((rs, n) -> values(rs.getString("name"), rs.getString("email"), rs.getString("role"),
                        rs.getString("language")))
                .optional();
        if (locked.isEmpty()) {
            jdbc.sql("""
                            update rectification_change set outcome = 'NOT_APPLIED'
                            where request_id = :id and decision = 'APPROVED' and outcome is null""")
                    .param("id", requestId).update();
            return registerOutcome(requestId, RegisterOutcome.GONE);
        }
        Map<Field, String> current = locked.get();
        boolean conflict = toApply.stream().anyMatch(c -> !Objects.equals(current.get(c.field()), c.currentValue()))
                || toApply.stream().anyMatch(c -> c.field() == Field.EMAIL && addressTakenByAnother(c.newValue(), contactId));
        if (conflict) {
            jdbc.sql("update rectification_change set decision = 'PROPOSED', outcome = null where request_id = :id")
                    .param("id", requestId).update();
            return registerOutcome(requestId, RegisterOutcome.CONFLICT);
        }
        for (Change change : toApply) {
            jdbc.sql("update contact set " + change.field().column() + " = :value where id = :id")
                    .param("value", change.newValue()).param("id", contactId).update();
            if (change.field() == Field.EMAIL) {
                jdbc.sql("update contact set email_normalised = :n where id = :id")
                        .param("n", EmailAddresses.normalise(change.newValue())).param("id", contactId).update();
                // unsubscribe links mailed to the old address no longer act on this contact
                jdbc.sql("delete from unsubscribe_link where contact_id = :id").param("id", contactId).update();
            }
        }
        jdbc.sql("""
                        update rectification_change set outcome = 'APPLIED', applied_at = :now
                        where request_id = :id and decision = 'APPROVED' and outcome is null""")
                .param("now", now()).param("id", requestId).update();
        notifications.prepare(requestId, contactId);
        audit.recordForContact(decision.decidedBy(), AuditLog.Action.CHANGE_REGISTER, contactId,
                requests.findById(requestId).map(DsrRequest::reference).orElse("") + ": "
                        + toApply.stream().map(c -> c.field().name()).toList());
        return registerOutcome(requestId, RegisterOutcome.APPLIED);
    }

    /** The contact was erased before the change could be made: the erasure's letter is the answer. */
    @Transactional
    public void closeForErasedContact(long requestId) {
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    // ---- the answer ----

    /**
     * The signed letter: what changed (old and new value), what was not and why, and which recipients were told
     * and have confirmed. It goes to the new address when the address itself was changed, else to the verified one.
     */
    @Transactional
    public void sendLetter(long requestId) {
        DsrRequest request = requests.findById(requestId).orElseThrow();
        Locale locale = request.language().locale();
        List<Change> changes = changes(requestId);
        String reason = decision(requestId).map(DecisionRecord::reason).orElse(null);
        boolean anyApplied = changes.stream().anyMatch(c -> c.outcome() == Outcome.APPLIED);
        boolean allApplied = !changes.isEmpty() && changes.stream().allMatch(c -> c.outcome() == Outcome.APPLIED);
        LetterType type = allApplied ? LetterType.RECTIFICATION_DONE
                : anyApplied ? LetterType.RECTIFICATION_PARTIAL : LetterType.RECTIFICATION_REFUSED;
        boolean addressLapsed = changes.stream().anyMatch(c -> c.outcome() == Outcome.LAPSED);
        if (reason == null && addressLapsed) {
            reason = messages.getMessage("rectification.reason.addressNotConfirmed", null, locale);
        }
        String recipient = changes.stream()
                .filter(c -> c.field() == Field.EMAIL && c.outcome() == Outcome.APPLIED)
                .map(Change::newValue).findFirst().orElse(request.requesterEmail());

        LetterContent base = letters.contentFor(request, type);
        LetterContent content = new LetterContent(base.type(), base.language(), base.reference(), base.recipientName(),
                recipient, base.receivedOn(), base.answeredOn(), base.dueDate(),
                type == LetterType.RECTIFICATION_DONE ? null : reason, null,
                type == LetterType.RECTIFICATION_REFUSED ? List.of()
                        : notifications.recipientLines(requestId, "rectification", locale),
                changes.stream().map(c -> line(c, locale)).toList(), null);
        OutgoingMail.Attachment letter = letters.issue(requestId, content);
        outbox.enqueue(OutgoingMail.of(requestId, recipient, "rectification-answer", request.language().code(),
                Map.of("reference", request.reference(), "outcome", type.name())).withAttachment(letter));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    private String line(Change change, Locale locale) {
        String field = messages.getMessage("rectification.field." + change.field().name(), null, locale);
        String before = change.currentValue() == null || change.currentValue().isBlank()
                ? messages.getMessage("rectification.value.empty", null, locale) : change.currentValue();
        String key = change.outcome() == Outcome.APPLIED ? "rectification.line.applied"
                : change.outcome() == Outcome.LAPSED ? "rectification.line.lapsed" : "rectification.line.notChanged";
        return messages.getMessage(key, new Object[] {field, before, change.newValue()}, locale);
    }

    // ---- helpers ----

    /** The requested values that differ from the current ones; problems for the ones that are not valid. */
    private static Map<Field, String> requested(Map<Field, String> newValues, Map<Field, String> current,
                                                Map<String, String> problems) {
        Map<Field, String> wanted = new EnumMap<>(Field.class);
        newValues.forEach((field, raw) -> {
            if (raw == null || raw.isBlank()) {
                return;
            }
            Optional<String> problem = field.problemWith(raw);
            if (problem.isPresent()) {
                problems.put(field.name(), problem.get());
                return;
            }
            String value = field.normalised(raw);
            if (!value.equals(current.get(field))) {
                wanted.put(field, value);
            }
        });
        return wanted;
    }

    private boolean addressTakenByAnother(String email, long contactId) {
        return register.findContactIdByEmail(email).filter(other -> other != contactId).isPresent();
    }

    private Optional<Change> approvedChange(long requestId, Field field) {
        return changes(requestId).stream()
                .filter(c -> c.field() == field && c.decision() == Decision.APPROVED).findFirst();
    }

    private void insertChange(long requestId, Field field, String current, String value, Decision decision) {
        jdbc.sql("""
                        insert into rectification_change (request_id, field, current_value, new_value, decision)
                        values (:id, :field, :current, :value, :decision)""")
                .param("id", requestId).param("field", field.name()).param("current", current)
                .param("value", value).param("decision", decision.name()).update();
    }

    private RegisterOutcome registerOutcome(long requestId, RegisterOutcome outcome) {
        jdbc.sql("update rectification_decision set register_outcome = :o where request_id = :id")
                .param("o", outcome.name()).param("id", requestId).update();
        return outcome;
    }

    private static Map<Field, String> values(String name, String email, String role, String language) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        values.put(Field.NAME, name);
        values.put(Field.EMAIL, email);
        values.put(Field.ROLE, role);
        values.put(Field.LANGUAGE, language);
        return values;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
