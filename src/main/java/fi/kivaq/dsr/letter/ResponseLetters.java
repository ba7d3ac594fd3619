package fi.kivaq.dsr.letter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RegisteredNames;

/**
 * Issues a request's signed response letter: renders and seals it, keeps the exact file with the request (so
 * staff can see what was sent), and hands it back as the attachment of the mail that carries it.
 */
@Service
public class ResponseLetters {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    public static final String PDF = "application/pdf";

    private final LetterService letters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<RegisteredNames> registeredNames;

    ResponseLetters(LetterService letters, JdbcClient jdbc, Clock clock, ObjectProvider<RegisteredNames> registeredNames) {
        this.letters = letters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.registeredNames = registeredNames;
    }

    /** What every letter about this request says; a caller adds what its outcome needs with the record's fields. */
    public LetterContent contentFor(DsrRequest request, LetterType type) {
        return new LetterContent(type, request.language().code(), request.reference(), recipientName(request),
                request.requesterEmail(), request.receivedAt().atZone(HELSINKI).toLocalDate(),
                LocalDate.now(clock.withZone(HELSINKI)), request.dueDate(), null, null, List.of(), List.of(), null,
                request.type(), request.verificationState());
    }

    /** The name the requester gave, or else the one the register holds for the address: greet people by name. */
    private String recipientName(DsrRequest request) {
        if (request.requesterName() != null && !request.requesterName().isBlank()) {
            return request.requesterName();
        }
        RegisteredNames names = registeredNames.getIfAvailable();
        return names == null ? null : names.nameFor(request.requesterEmail()).orElse(null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public OutgoingMail.Attachment issue(long requestId, LetterContent content) {
        byte[] pdf = letters.renderSigned(content);
        String fileName = letters.fileName(content);
        jdbc.sql("""
                        insert into response_letter (request_id, letter_type, file_name, content, sha256, created_at)
                        values (:request, :type, :fileName, :content, :sha256, :now)""")
                .param("request", requestId)
                .param("type", content.type().name())
                .param("fileName", fileName)
                .param("content", pdf)
                .param("sha256", sha256(pdf))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new OutgoingMail.Attachment(fileName, PDF, pdf);
    }

    /** A sealed letter as staff pages list it: its id and type, linked to the stored file. */
    public record SentLetter(long id, String letterType) {
    }

    /** A sealed letter as the requester's status page lists it. */
    public record IssuedLetter(long id, LetterType type, String fileName, Instant createdAt) {
    }

    /** A stored letter's file, byte for byte as mailed. */
    public record LetterFile(String fileName, byte[] content) {
    }

    /** The request's letters, oldest first. */
    public List<IssuedLetter> issuedFor(long requestId) {
        return jdbc.sql("""
                        select id, letter_type, file_name, created_at from response_letter
                        where request_id = :request order by id""")
                .param("request", requestId)
                .query((rs, n) -> new IssuedLetter(rs.getLong("id"), LetterType.valueOf(rs.getString("letter_type")),
                        rs.getString("file_name"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** One of the request's letters; empty for a letter of another request. */
    public Optional<LetterFile> file(long requestId, long letterId) {
        return jdbc.sql("select file_name, content from response_letter where id = :id and request_id = :request")
                .param("id", letterId).param("request", requestId)
                .query(LetterFile.class).optional();
    }

    /** The letters sent for each of the requests, oldest first. */
    public Map<Long, List<SentLetter>> sentFor(List<Long> requestIds) {
        Map<Long, List<SentLetter>> letters = new HashMap<>();
        if (requestIds.isEmpty()) {
            return letters;
        }
        jdbc.sql("select id, request_id, letter_type from response_letter where request_id in (:ids) order by id")
                .param("ids", requestIds)
                .query((rs, n) -> Map.entry(rs.getLong("request_id"),
                        new SentLetter(rs.getLong("id"), rs.getString("letter_type"))))
                .list()
                .forEach(e -> letters.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return letters;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
