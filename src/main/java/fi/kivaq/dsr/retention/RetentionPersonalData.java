package fi.kivaq.dsr.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.PersonalDataOwner;

/** The retention reviews of contacts: a staff member's reason to keep one may say something about the person. */
@Component
class RetentionPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;

    RetentionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.named("retention_review").personal("keep_reason")
                .notPersonal("contact_id", "status", "due_since", "decided_by", "decided_at", "next_review_on"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(new Retention("retention reviews of the contact (reason to keep, next review date)",
                "with the contact"));
    }

    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        erasure.person().contact().ifPresent(contactId ->
                jdbc.sql("delete from retention_review where contact_id = :c").param("c", contactId).update());
        return Optional.empty();
    }

    /** Reviews live with their contact: the run raises and drops them ({@link RetentionReviews#raiseDue}). */
    @Override
    public void applyRetention(RetentionDue due) {
    }
}
