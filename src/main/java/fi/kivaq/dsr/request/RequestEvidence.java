package fi.kivaq.dsr.request;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Evidence of identity that came with a request (a scanned or digitally signed letter), kept in our table only. */
@Repository
public class RequestEvidence {

    /** What staff see about a piece of evidence; the file itself is read separately, and every read is audited. */
    public record Item(long id, String fileName, String contentType, long sizeBytes, String sha256,
                       SignatureVerdict signature, String signerSubject, String uploadedBy, OffsetDateTime uploadedAt,
                       OffsetDateTime signedAt, boolean signingTimeStamped) {

        public boolean digitallySigned() {
            return signature != SignatureVerdict.NONE;
        }

        /** The name to show: the stored one, sanitised again in case it was stored before names were. */
        public String safeFileName() {
            return SignedRequestCheck.safeName(fileName, contentType);
        }
    }

    public record File(String fileName, String contentType, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RequestEvidence(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void store(long requestId, SignedRequestCheck.Evidence evidence, String uploadedBy) {
        jdbc.sql("""
                        insert into request_evidence (request_id, file_name, content_type, content, size_bytes, sha256,
                            signature_state, signer_subject, uploaded_by, uploaded_at, signed_at, signing_time_stamped)
                        values (:request, :fileName, :type, :content, :size, :sha256, :state, :signer, :by, :now,
                            :signedAt, :stamped)""")
                .param("request", requestId)
                .param("fileName", evidence.fileName())
                .param("type", evidence.contentType())
                .param("content", evidence.content())
                .param("size", (long) evidence.content().length)
                .param("sha256", evidence.sha256())
                .param("state", evidence.signature().name())
                .param("signer", evidence.signerSubject())
                .param("by", uploadedBy)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("signedAt", evidence.signedAt() == null ? null
                        : evidence.signedAt().toInstant().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("stamped", evidence.signedAt() == null ? null : evidence.timeStamped(), Types.BOOLEAN)
                .update();
    }

    public List<Item> of(long requestId) {
        return jdbc.sql("""
                        select id, file_name, content_type, size_bytes, sha256, signature_state, signer_subject,
                            uploaded_by, uploaded_at, signed_at, signing_time_stamped
                        from request_evidence where request_id = :id order by id""")
                .param("id", requestId)
                .query((rs, i) -> new Item(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("sha256"), SignatureVerdict.valueOf(rs.getString("signature_state")),
                        rs.getString("signer_subject"), rs.getString("uploaded_by"),
                        rs.getObject("uploaded_at", OffsetDateTime.class),
                        rs.getObject("signed_at", OffsetDateTime.class), rs.getBoolean("signing_time_stamped")))
                .list();
    }

    public Optional<File> file(long requestId, long evidenceId) {
        return jdbc.sql("select file_name, content_type, content from request_evidence where id = :id and request_id = :request")
                .param("id", evidenceId).param("request", requestId)
                .query((rs, i) -> new File(SignedRequestCheck.safeName(rs.getString("file_name"), rs.getString("content_type")),
                        rs.getString("content_type"), rs.getBytes("content")))
                .optional();
    }
}
