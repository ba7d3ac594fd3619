package fi.kivaq.dsr.newsletter;

import java.util.List;
import java.util.Optional;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.register.NewsletterSuppression;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The newsletter's own tables: sign-ups waiting for their confirmation (a name and an address, briefly), the consent
 * texts and the issues (neither about anyone). The consents themselves are the register's.
 */
@Component
class NewsletterPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;
    private final NewsletterSuppression suppression;
    private final NewsletterProperties properties;

    NewsletterPersonalData(JdbcClient jdbc, NewsletterSuppression suppression, NewsletterProperties properties) {
        this.jdbc = jdbc;
        this.suppression = suppression;
        this.properties = properties;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                Table.named("newsletter_sign_up").personal("name", "email")
                        // a keyed hash: without the secret it cannot be tested against guessed addresses
                        .notPersonal("id", "address_hash", "language", "text_version", "source", "requested_at"),
                Table.named("newsletter_consent_text").notPersonal("version", "language", "text", "published_at"),
                Table.named("newsletter_issue").notPersonal("id", "subject_fi", "body_fi", "subject_sv", "body_sv",
                        "subject_en", "body_en", "status", "created_by", "created_at", "updated_at", "sent_by",
                        "sent_at", "recipients"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("name and address of a sign-up awaiting confirmation",
                        "until it is confirmed (the register then holds them) or its link has expired"),
                new Retention("sign-up counts per address (keyed hash)",
                        "for the per-address limit's window or the confirmation link's validity, whichever is longer"),
                new Retention("consent texts and newsletter issues",
                        "indefinitely: the proof of what each consent was given to, and what was sent"));
    }

    /** A sign-up never confirmed goes once its link has expired: it was never a consent. */
    @Override
    public void applyRetention(RetentionDue due) {
        java.time.Period validity = java.time.Period.ofDays(
                (int) Math.max(1, properties.confirmationLinkValidity().toDays()));
        due.counts().add("unconfirmed newsletter sign-ups deleted",
                jdbc.sql("delete from newsletter_sign_up where requested_at < :cutOff")
                        .param("cutOff", due.cutOff(validity).atOffset(java.time.ZoneOffset.UTC)).update());
    }

    /** A pending sign-up of the address goes, link and all: the person asked to be forgotten. */
    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        jdbc.sql("delete from newsletter_sign_up where address_hash = :hash")
                .param("hash", suppression.keyedHash(erasure.person().address())).update();
        return Optional.empty();
    }
}
