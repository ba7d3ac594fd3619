package fi.kivaq.dsr.verification;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** Single-use links of every purpose: only the hash of each token, with what it acts on and its dates. */
@Component
class VerificationPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    VerificationPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("verification_token")
                .notPersonal("id", "purpose", "subject_id", "request_id", "token_hash", "created_at", "expires_at",
                        "used_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("verification links (token hashes)",
                "dsr.retention.verification-links (90 days) after expiry; an erased person's go in the clean-up"));
    }

    /** A link expired longer ago than its period can only be refused: its row goes. */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("expired links deleted", jdbc.sql("delete from verification_token where expires_at < :cut")
                .param("cut", due.cutOff(due.policy().verificationLinks()).atOffset(java.time.ZoneOffset.UTC))
                .update());
    }

    /** Nothing personal, but nothing left to verify either: the links of an erased person's requests go. */
    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("delete from verification_token where request_id in (:ids)")
                .param("ids", requests.requestIds()).update();
    }
}
