package fi.kivaq.dsr.subcontractor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.shared.SecretTokens;

/**
 * GDPR Art. 19: each subcontractor that received a person's data (the disclosure log) is told about the
 * correction or erasure, in its own language, with a single-use link to confirm it has followed the instruction.
 */
@Service
public class SubcontractorNotifications {

    /** The notification a subcontractor-notification process handles, as its delegates read it. */
    static long notificationId(VariableScope scope) {
        Object value = scope.getVariable(SubcontractorNotificationProcess.NOTIFICATION_ID);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException(
                    "process variable " + SubcontractorNotificationProcess.NOTIFICATION_ID + " is missing");
        }
        return number.longValue();
    }

    public enum LinkState {
        VALID, USED, UNKNOWN,
        /** The answer to a successful confirm: this notification just became acknowledged. */
        CONFIRMED
    }

    /** One recipient as the requester's letter reports it. */
    public record Recipient(String name, Instant acknowledgedAt) {
    }

    /** What the acknowledgement page may show: the request reference and the subcontractor's language. */
    public record Acknowledgement(LinkState state, String reference, String language) {
    }

    private record Notification(long id, long requestId, String subcontractorName, String subcontractorEmail,
                                String language, LocalDate disclosedOn, String disclosurePurpose,
                                OffsetDateTime acknowledgedAt) {
    }

    private final JdbcClient jdbc;
    private final RequestRepository requests;
    private final MailOutbox outbox;
    private final RuntimeService runtimeService;
    private final MessageSource messages;
    private final DsrProperties properties;
    private final Clock clock;

    SubcontractorNotifications(JdbcClient jdbc, RequestRepository requests, MailOutbox outbox,
                               RuntimeService runtimeService, MessageSource messages, DsrProperties properties,
                               Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.outbox = outbox;
        this.runtimeService = runtimeService;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One notification per subcontractor in the contact's disclosure log, with what was disclosed, when and why
     * copied from the log (an erasure removes the log entries). Call before the register change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepare(long requestId, long contactId) {
        jdbc.sql("""
                        insert into subcontractor_notification (request_id, subcontractor_id, disclosed_on,
                            disclosure_purpose, created_at)
                        select :request, d.subcontractor_id, cast(min(d.disclosed_at) as date), min(d.purpose), :now
                        from disclosure d where d.contact_id = :contact
                        group by d.subcontractor_id""")
                .param("request", requestId).param("contact", contactId).param("now", now()).update();
    }

    /** The notifications of a request: the collection of the multi-instance call activity. */
    public List<Long> idsFor(long requestId) {
        return jdbc.sql("select id from subcontractor_notification where request_id = :request order by id")
                .param("request", requestId).query(Long.class).list();
    }

    /** Mails the subcontractor what to correct or delete, with a link to confirm. */
    @Transactional
    public void send(long notificationId) {
        mail(notificationId, false);
        jdbc.sql("update subcontractor_notification set sent_at = :now where id = :id")
                .param("now", now()).param("id", notificationId).update();
    }

    /** The same instruction again, with a fresh link (the first one stops working). */
    @Transactional
    public void remind(long notificationId) {
        if (find(notificationId).acknowledgedAt() != null) {
            return;
        }
        mail(notificationId, true);
        jdbc.sql("update subcontractor_notification set reminded_at = :now where id = :id")
                .param("now", now()).param("id", notificationId).update();
    }

    @Transactional
    public void markEscalated(long notificationId) {
        jdbc.sql("update subcontractor_notification set escalated_at = :now where id = :id")
                .param("now", now()).param("id", notificationId).update();
    }

    /** Staff recorded the confirmation themselves (phone, e-mail) after chasing the subcontractor. */
    @Transactional
    public void recordByHand(long notificationId) {
        jdbc.sql("""
                        update subcontractor_notification set acknowledged_at = :now, acknowledged_how = 'BY_HAND',
                            token_hash = null
                        where id = :id and acknowledged_at is null""")
                .param("now", now()).param("id", notificationId).update();
    }

    public Acknowledgement inspect(String token) {
        return findByToken(token)
                .map(n -> new Acknowledgement(n.acknowledgedAt() == null ? LinkState.VALID : LinkState.USED,
                        requests.findById(n.requestId()).map(DsrRequest::reference).orElse(""), n.language()))
                .orElse(new Acknowledgement(LinkState.UNKNOWN, null, null));
    }

    /** The subcontractor's confirm button: records the confirmation and lets its process end. */
    @Transactional
    public Acknowledgement acknowledge(String token) {
        Optional<Notification> found = findByToken(token);
        if (found.isEmpty()) {
            return new Acknowledgement(LinkState.UNKNOWN, null, null);
        }
        Notification notification = found.get();
        String reference = requests.findById(notification.requestId()).map(DsrRequest::reference).orElse("");
        int claimed = jdbc.sql("""
                        update subcontractor_notification set acknowledged_at = :now, acknowledged_how = 'LINK'
                        where id = :id and acknowledged_at is null""")
                .param("now", now()).param("id", notification.id()).update();
        if (claimed != 1) {
            return new Acknowledgement(LinkState.USED, reference, notification.language());
        }
        try {
            runtimeService.createMessageCorrelation(SubcontractorNotificationProcess.MESSAGE_ACKNOWLEDGED)
                    .processInstanceVariableEquals(SubcontractorNotificationProcess.NOTIFICATION_ID, notification.id())
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            // staff recorded it by hand a moment ago, or the wait already ended: the confirmation still counts
            return new Acknowledgement(LinkState.USED, reference, notification.language());
        }
        return new Acknowledgement(LinkState.CONFIRMED, reference, notification.language());
    }

    /** Who was told, and who has confirmed, for the requester's letter. */
    public List<Recipient> recipients(long requestId) {
        return jdbc.sql("""
                        select s.name, n.acknowledged_at from subcontractor_notification n
                        join subcontractor s on s.id = n.subcontractor_id
                        where n.request_id = :request order by s.name""")
                .param("request", requestId)
                .query((rs, row) -> {
                    OffsetDateTime at = rs.getObject("acknowledged_at", OffsetDateTime.class);
                    return new Recipient(rs.getString("name"), at == null ? null : at.toInstant());
                }).list();
    }

    /**
     * The letter's lines about the recipients, in the requester's language: each name with the date it confirmed,
     * or that its confirmation is awaited. {@code messagePrefix} picks the wording ({@code erasure} or
     * {@code rectification}: message keys {@code <prefix>.recipient.confirmed} and {@code <prefix>.recipient.pending}).
     */
    public List<String> recipientLines(long requestId, String messagePrefix, Locale locale) {
        DateTimeFormatter dates = DateTimeFormatter.ofPattern(messages.getMessage("erasure.dateFormat", null, locale),
                locale);
        return recipients(requestId).stream()
                .map(recipient -> recipient.acknowledgedAt() == null
                        ? messages.getMessage(messagePrefix + ".recipient.pending", new Object[] {recipient.name()}, locale)
                        : messages.getMessage(messagePrefix + ".recipient.confirmed", new Object[] {recipient.name(),
                        dates.format(recipient.acknowledgedAt().atZone(DeadlineCalculator.HELSINKI))}, locale))
                .toList();
    }

    private void mail(long notificationId, boolean reminder) {
        Notification notification = find(notificationId);
        DsrRequest request = requests.findById(notification.requestId()).orElseThrow();
        String token = SecretTokens.newToken();
        jdbc.sql("update subcontractor_notification set token_hash = :hash where id = :id")
                .param("hash", SecretTokens.hash(token)).param("id", notificationId).update();
        String template = request.type() == RequestType.DELETION ? "subcontractor-erasure" : "subcontractor-rectification";
        Map<String, String> person = personAsKnownTo(request);
        outbox.enqueue(OutgoingMail.of(request.id(), notification.subcontractorEmail(), template, notification.language(),
                Map.of("reference", request.reference(),
                        "reminder", reminder,
                        "subcontractor", notification.subcontractorName(),
                        "personName", person.get("name"),
                        "personEmail", person.get("email"),
                        "disclosedOn", notification.disclosedOn() == null ? "" : notification.disclosedOn().toString(),
                        "purpose", notification.disclosurePurpose() == null ? "" : notification.disclosurePurpose(),
                        "link", properties.publicUrl("/acknowledge/" + token),
                        "changes", correctedData(request))));
    }

    /**
     * The person as the subcontractor knows them: for a rectification the register's name and address before the
     * correction (the corrected values follow separately); for an erasure, whose contact is already gone, the
     * requester's own.
     */
    private Map<String, String> personAsKnownTo(DsrRequest request) {
        Map<String, String> person = new java.util.HashMap<>();
        person.put("name", request.requesterName() == null ? "" : request.requesterName());
        person.put("email", request.requesterEmail());
        if (request.type() == RequestType.RECTIFICATION && request.contactId() != null) {
            jdbc.sql("select name, email from contact where id = :id").param("id", request.contactId())
                    .query((rs, row) -> Map.of("name", rs.getString("name"), "email", rs.getString("email")))
                    .optional().ifPresent(person::putAll);
            jdbc.sql("""
                            select field, current_value from rectification_change
                            where request_id = :request and outcome = 'APPLIED' and field in ('NAME', 'EMAIL')""")
                    .param("request", request.id())
                    .query((rs, row) -> Map.entry(rs.getString("field").toLowerCase(java.util.Locale.ROOT),
                            rs.getString("current_value")))
                    .list().forEach(before -> person.put(before.getKey(), before.getValue()));
        }
        return person;
    }

    /** For a rectification, the fields and their corrected values (the subcontractor corrects its copy to match). */
    private List<Map<String, String>> correctedData(DsrRequest request) {
        if (request.type() != RequestType.RECTIFICATION) {
            return List.of();
        }
        return jdbc.sql("""
                        select field, new_value from rectification_change
                        where request_id = :request and outcome = 'APPLIED' order by field""")
                .param("request", request.id())
                .query((rs, row) -> Map.of("field", rs.getString("field"), "value", rs.getString("new_value")))
                .list();
    }

    private Notification find(long id) {
        return jdbc.sql(SELECT + " where n.id = :id").param("id", id).query(Notification.class).single();
    }

    private Optional<Notification> findByToken(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where n.token_hash = :hash").param("hash", SecretTokens.hash(token))
                .query(Notification.class).optional();
    }

    private static final String SELECT = """
            select n.id, n.request_id, s.name as subcontractor_name, s.email as subcontractor_email, s.language,
                   n.disclosed_on, n.disclosure_purpose, n.acknowledged_at
            from subcontractor_notification n join subcontractor s on s.id = n.subcontractor_id""";

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

}
