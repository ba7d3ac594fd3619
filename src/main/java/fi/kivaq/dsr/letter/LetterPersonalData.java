package fi.kivaq.dsr.letter;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** The signed letters as they were mailed: their contents name the person; their type, file name and hash do not. */
@Component
class LetterPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    LetterPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("response_letter").personal("content")
                .notPersonal("id", "request_id", "letter_type", "file_name", "sha256", "created_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("signed response letters",
                "dsr.retention.letters (3 years) after creation; the contents go with the person's erasure, "
                        + "the hash still proves which letter was sent"));
    }

    /** A letter's content goes after its period; its type, file name, hash and date still prove what was sent. */
    @Override
    public void applyRetention(RetentionDue due) {
        due.counts().add("letters reduced", jdbc.sql("""
                        update response_letter set content = :empty where octet_length(content) > 0 and created_at < :cut""")
                .param("empty", new byte[0])
                .param("cut", due.cutOff(due.policy().letters()).atOffset(java.time.ZoneOffset.UTC)).update());
    }

    @Override
    public void reduceRequests(RequestsToReduce requests) {
        jdbc.sql("update response_letter set content = :empty where request_id in (:ids)")
                .param("empty", new byte[0]).param("ids", requests.requestIds()).update();
    }
}
