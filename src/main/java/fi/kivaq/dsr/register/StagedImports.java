package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.SecretTokens;

/**
 * Import files kept between their dry run and their application, so that staff apply exactly the file they saw the
 * dry run of, without uploading it again. In the database rather than in memory, so that the apply may reach
 * another node. A file is only ever read by the staff member who uploaded it, and it goes when it is applied,
 * discarded, a day old, or when any erasure runs (it may hold the erased person).
 */
@Service
public class StagedImports {

    static final Duration KEPT_FOR = Duration.ofDays(1);

    /** A file staged: the token that names it on the page, and the dry run of it. */
    public record Staged(String token, ContactImport.Report dryRun) {
    }

    private final JdbcClient jdbc;
    private final ContactImport contactImport;
    private final Clock clock;

    StagedImports(JdbcClient jdbc, ContactImport contactImport, Clock clock) {
        this.jdbc = jdbc;
        this.contactImport = contactImport;
        this.clock = clock;
    }

    /** Keeps the file for its application and returns its dry run; files older than a day go meanwhile. */
    @Transactional
    public Staged stage(byte[] file, String staffUser) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("delete from contact_import_file where created_at < :cutoff")
                .param("cutoff", now.minus(KEPT_FOR)).update();
        ContactImport.Report dryRun = contactImport.dryRun(file, staffUser);
        String token = SecretTokens.newToken();
        jdbc.sql("""
                        insert into contact_import_file (token_hash, file_hash, content, uploaded_by, created_at)
                        values (:token, :fileHash, :content, :user, :now)""")
                .param("token", SecretTokens.hash(token)).param("fileHash", dryRun.fileHash())
                .param("content", file).param("user", staffUser).param("now", now)
                .update();
        return new Staged(token, dryRun);
    }

    /**
     * Applies the staged file (planned again against the register as it is now) and forgets it once applied; a
     * file that turned out invalid stays for another look. Empty when there is no such file of this staff member
     * (any more).
     */
    @Transactional
    public Optional<ContactImport.Report> apply(String token, String staffUser) {
        Optional<byte[]> file = content(token, staffUser);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        ContactImport.Report report = contactImport.apply(file.get(), staffUser);
        if (report.applied()) {
            discard(token);
        }
        return Optional.of(report);
    }

    @Transactional
    public void discard(String token) {
        if (SecretTokens.looksLikeToken(token)) {
            jdbc.sql("delete from contact_import_file where token_hash = :token")
                    .param("token", SecretTokens.hash(token)).update();
        }
    }

    /** How many files are staged now (for tests and the operator). */
    public long count() {
        return jdbc.sql("select count(*) from contact_import_file").query(Long.class).single();
    }

    private Optional<byte[]> content(String token, String staffUser) {
        if (!SecretTokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select content from contact_import_file
                        where token_hash = :token and uploaded_by = :user and created_at >= :cutoff""")
                .param("token", SecretTokens.hash(token)).param("user", staffUser)
                .param("cutoff", clock.instant().atOffset(ZoneOffset.UTC).minus(KEPT_FOR))
                .query((rs, n) -> rs.getBytes("content")).optional();
    }
}
