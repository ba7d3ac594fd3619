package fi.kivaq.dsr.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.letter.LetterContent;
import fi.kivaq.dsr.letter.LetterService;
import fi.kivaq.dsr.letter.LetterType;
import fi.kivaq.dsr.letter.ResponseLetters;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * The right of access (GDPR Art. 15): the receipt, the register extract gathered by the verified address, and the
 * signed answer (the data, "no data held", or a manager's refusal), each mailed only to the verified address.
 */
@Service
public class AccessRequests {

    /** The extract as gathered for a request; {@code extract} is null when the address is not in the register. */
    public record GatheredExtract(boolean dataHeld, AccessExtract extract, OffsetDateTime gatheredAt) {
    }

    private final RequestRepository requests;
    private final ContactRegister register;
    private final AccessExtractAssembler extracts;
    private final RequestNotes notes;
    private final ResponseLetters letters;
    private final LetterService letterService;
    private final MailOutbox outbox;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    AccessRequests(RequestRepository requests, ContactRegister register, AccessExtractAssembler extracts,
                   RequestNotes notes,
                   ResponseLetters letters, LetterService letterService, MailOutbox outbox, JdbcClient jdbc,
                   ObjectMapper json, Clock clock) {
        this.requests = requests;
        this.register = register;
        this.extracts = extracts;
        this.notes = notes;
        this.letters = letters;
        this.letterService = letterService;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The receipt letter with the due date, mailed once the address (or the signed request) is verified. */
    @Transactional
    public void sendReceipt(long requestId) {
        DsrRequest request = verifiedRequest(requestId);
        mail(request, "access-receipt", letters.issue(requestId, letters.contentFor(request, LetterType.RECEIPT)));
    }

    /**
     * Gathers the register extract by the verified address and keeps it with the request, so staff review exactly
     * what the letter will contain. Called again when staff send the extract back. Every module is asked, also when
     * the address is not (or no longer) a contact: invoice links kept after an erasure, earlier requests and their
     * notes are data held too.
     *
     * @return whether anything at all is held about the address ("no data" only when nothing is)
     */
    @Transactional
    public boolean gatherExtract(long requestId) {
        DsrRequest request = verifiedRequest(requestId);
        Optional<Long> contact = register.findContactIdByEmail(request.requesterEmail());
        contact.ifPresent(id -> requests.linkContact(requestId, id));
        AccessExtract extract = extracts.extract(requestId, contact.orElse(null), request.requesterEmail());
        boolean held = extract.holdsAnything();
        jdbc.sql("""
                        insert into access_extract (request_id, data_held, content, gathered_at)
                        values (:request, :held, :content, :now)""")
                .param("request", requestId).param("held", held).param("content", held ? write(extract) : null)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return held;
    }

    /** The newest extract gathered for the request. */
    public Optional<GatheredExtract> currentExtract(long requestId) {
        return jdbc.sql("""
                        select data_held, content, gathered_at from access_extract where request_id = :id
                        order by gathered_at desc, id desc fetch first 1 rows only""")
                .param("id", requestId)
                .query((rs, i) -> new GatheredExtract(rs.getBoolean("data_held"), read(rs.getString("content")),
                        rs.getObject("gathered_at", OffsetDateTime.class)))
                .optional();
    }

    /** The signed ACCESS_DATA letter with the reviewed extract (and its data.json), to the verified address. */
    @Transactional
    public void sendAnswer(long requestId) {
        DsrRequest request = verifiedRequest(requestId);
        mail(request, "access-answer", letters.issue(requestId, answerContent(request)));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    /** "We hold no personal data about this address." */
    @Transactional
    public void sendNoDataAnswer(long requestId) {
        DsrRequest request = verifiedRequest(requestId);
        mail(request, "access-no-data", letters.issue(requestId, letters.contentFor(request, LetterType.ACCESS_NO_DATA)));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    /** A manager found the request manifestly unfounded or excessive (Art. 12(5)): the reason and the remedies. */
    @Transactional
    public void sendRefusal(long requestId) {
        DsrRequest request = verifiedRequest(requestId);
        String reason = notes.refusalReason(requestId).orElseThrow(() -> new IllegalStateException(
                "request " + request.reference() + " is refused but no manager has recorded the reason on its staff page"));
        mail(request, "access-refusal", letters.issue(requestId, withReason(letters.contentFor(request, LetterType.REFUSAL), reason)));
        requests.updateStatus(requestId, RequestStatus.COMPLETED, clock.instant());
    }

    /** Whether a manager has recorded the reason a refusal of this request needs. */
    public boolean hasRefusalReason(long requestId) {
        return notes.refusalReason(requestId).isPresent();
    }

    /** A manager's reason for refusing the request, for the refusal letter; kept in our table, not in the engine. */
    @Transactional
    public void recordRefusalReason(long requestId, String manager, String reason) {
        notes.add(requestId, RequestNotes.Kind.REFUSAL_REASON, manager, reason);
    }

    /** The letter as it would be sent now, for the staff review (not stored, not mailed). */
    public byte[] preview(DsrRequest request) {
        Optional<GatheredExtract> extract = currentExtract(request.id());
        LetterContent content = extract.isPresent() && extract.get().dataHeld()
                ? answerContent(request)
                : letters.contentFor(request, LetterType.ACCESS_NO_DATA);
        return letterService.renderSigned(content);
    }

    private LetterContent answerContent(DsrRequest request) {
        AccessExtract extract = currentExtract(request.id()).filter(GatheredExtract::dataHeld)
                .map(GatheredExtract::extract)
                .orElseThrow(() -> new IllegalStateException("no register extract for " + request.reference()));
        // contentFor rejects ACCESS_DATA without an extract, so take the common fields from another type
        LetterContent base = letters.contentFor(request, LetterType.RECEIPT);
        return new LetterContent(LetterType.ACCESS_DATA, base.language(), base.reference(), base.recipientName(),
                base.recipientEmail(), base.receivedOn(), base.answeredOn(), base.dueDate(), null, null, null, null,
                extract).aboutTheRequestOf(base);
    }

    private static LetterContent withReason(LetterContent c, String reason) {
        return new LetterContent(c.type(), c.language(), c.reference(), c.recipientName(), c.recipientEmail(),
                c.receivedOn(), c.answeredOn(), c.dueDate(), reason, c.purgeDate(), c.notifiedRecipients(),
                c.changes(), c.extract()).aboutTheRequestOf(c);
    }

    /** Answers go only to the address the request proved control of; anything else is a bug, so fail loudly. */
    private DsrRequest verifiedRequest(long requestId) {
        DsrRequest request = requests.get(requestId);
        if (request.verificationState() != VerificationState.VERIFIED
                && request.verificationState() != VerificationState.NOT_REQUIRED) {
            throw new IllegalStateException("request " + request.reference() + " is not verified ("
                    + request.verificationState() + "): nothing may be sent to its address");
        }
        return request;
    }

    private void mail(DsrRequest request, String template, OutgoingMail.Attachment letter) {
        outbox.enqueue(OutgoingMail.of(request.id(), request.requesterEmail(), template, request.language().code(),
                Map.of("reference", request.reference(), "dueDate", request.dueDate() != null ? request.dueDate()
                        : request.receivedAt().atZone(java.time.ZoneId.of("Europe/Helsinki")).toLocalDate(),
                        // the receipt says the address was verified only when the link was actually confirmed
                        "addressVerified", request.verificationState() == VerificationState.VERIFIED))
                .withAttachment(letter));
    }

    private String write(AccessExtract extract) {
        try {
            return json.writeValueAsString(extract);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private AccessExtract read(String content) {
        if (content == null) {
            return null;
        }
        try {
            return json.readValue(content, AccessExtract.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
