package fi.kivaq.dsr.newsletter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.NewsletterAudience;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.shared.DsrProperties;
import fi.kivaq.dsr.shared.GeneratedKeys;
import fi.kivaq.dsr.shared.Language;

/**
 * Newsletter issues: written in Finnish, Swedish and English (a subject and a plain-text body each; the mail layout
 * adds the HTML alternative), tried out with a test mail to the writer, then sent once to the live audience, each
 * subscriber in their own language with their own one-click unsubscribe link, through the outbox's newsletter lane.
 */
@Service
class NewsletterIssues {

    private static final Logger log = LoggerFactory.getLogger(NewsletterIssues.class);
    static final String TEMPLATE = "newsletter";

    /** One language's text of an issue. */
    record Text(String subject, String body) {
    }

    record Issue(long id, Map<Language, Text> texts, String status, String createdBy, OffsetDateTime createdAt,
                 String sentBy, OffsetDateTime sentAt, Integer recipients) {

        public boolean draft() {
            return "DRAFT".equals(status);
        }

        public Text text(Language language) {
            return texts.get(language);
        }
    }

    /** How a send ended: sent to this many, or not at all because the issue had been sent already. */
    record Sent(boolean now, int recipients) {
    }

    private final JdbcClient jdbc;
    private final NewsletterAudience audience;
    private final NewsletterLinks links;
    private final MailOutbox outbox;
    private final NewsletterProperties properties;
    private final DsrProperties dsr;
    private final Clock clock;

    NewsletterIssues(JdbcClient jdbc, NewsletterAudience audience, NewsletterLinks links, MailOutbox outbox,
                     NewsletterProperties properties, DsrProperties dsr, Clock clock) {
        this.dsr = dsr;
        this.jdbc = jdbc;
        this.audience = audience;
        this.links = links;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    List<Issue> newestFirst() {
        return jdbc.sql(SELECT + " order by created_at desc, id desc").query((rs, n) -> issue(rs)).list();
    }

    Optional<Issue> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query((rs, n) -> issue(rs)).optional();
    }

    @Transactional
    long create(Map<Language, Text> texts, String staffUser) {
        OffsetDateTime now = now();
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into newsletter_issue (subject_fi, body_fi, subject_sv, body_sv, subject_en, body_en,
                            status, created_by, created_at, updated_at)
                        values (:sfi, :bfi, :ssv, :bsv, :sen, :ben, 'DRAFT', :user, :now, :now)""")
                .param("sfi", texts.get(Language.FI).subject()).param("bfi", texts.get(Language.FI).body())
                .param("ssv", texts.get(Language.SV).subject()).param("bsv", texts.get(Language.SV).body())
                .param("sen", texts.get(Language.EN).subject()).param("ben", texts.get(Language.EN).body())
                .param("user", staffUser).param("now", now));
    }

    /** @return false when the issue is not a draft (any more): a sent issue is never changed */
    @Transactional
    boolean update(long id, Map<Language, Text> texts) {
        return jdbc.sql("""
                        update newsletter_issue set subject_fi = :sfi, body_fi = :bfi, subject_sv = :ssv,
                            body_sv = :bsv, subject_en = :sen, body_en = :ben, updated_at = :now
                        where id = :id and status = 'DRAFT'""")
                .param("sfi", texts.get(Language.FI).subject()).param("bfi", texts.get(Language.FI).body())
                .param("ssv", texts.get(Language.SV).subject()).param("bsv", texts.get(Language.SV).body())
                .param("sen", texts.get(Language.EN).subject()).param("ben", texts.get(Language.EN).body())
                .param("now", now()).param("id", id).update() == 1;
    }

    /**
     * The issue in every language to the writer's own address, as subscribers will get it (the one-click headers
     * too, though its link is an example that unsubscribes nobody), sent at once rather than on the newsletter lane.
     */
    @Transactional
    void sendTest(Issue issue, String staffAddress) {
        String example = dsr.publicUrl("/unsubscribe/test-mail-example");
        for (Language language : Language.values()) {
            outbox.enqueue(mail(issue, language, staffAddress, example).asLink());
        }
    }

    /** The mail a subscriber in the language will get, as text and as HTML; the link is an example. */
    MailOutbox.Preview preview(Issue issue, Language language) {
        return outbox.preview(mail(issue, language, "preview@example.invalid",
                dsr.publicUrl("/unsubscribe/test-mail-example")));
    }

    /**
     * Sends the issue once: the draft becomes sent, and every member of the live audience gets one mail in their
     * language with their own one-click link, all in one transaction (a failure sends nothing and leaves a draft).
     * Whoever unsubscribes before their mail leaves the outbox does not get it (the dispatcher asks again).
     */
    @Transactional
    Sent send(long id, String staffUser) {
        Optional<Issue> found = find(id);
        int claimed = jdbc.sql("""
                        update newsletter_issue set status = 'SENT', sent_by = :user, sent_at = :now
                        where id = :id and status = 'DRAFT'""")
                .param("user", staffUser).param("now", now()).param("id", id).update();
        if (claimed == 0 || found.isEmpty()) {
            return new Sent(false, found.map(Issue::recipients).map(r -> r == null ? 0 : r).orElse(0));
        }
        List<NewsletterAudience.Subscriber> subscribers = audience.live();
        for (NewsletterAudience.Subscriber subscriber : subscribers) {
            Language language = Language.fromCode(subscriber.language()).orElse(Language.DEFAULT);
            String unsubscribe = links.newUnsubscribeUrl(subscriber.contactId());
            outbox.enqueue(mail(found.get(), language, subscriber.email(), unsubscribe).onList(properties.listId()));
        }
        jdbc.sql("update newsletter_issue set recipients = :n where id = :id")
                .param("n", subscribers.size()).param("id", id).update();
        log.info("Newsletter issue {} queued for {} subscribers by {}", id, subscribers.size(), staffUser);
        return new Sent(true, subscribers.size());
    }

    private static OutgoingMail mail(Issue issue, Language language, String recipient, String unsubscribeUrl) {
        Text text = issue.text(language);
        return OutgoingMail.of(null, recipient, TEMPLATE, language.code(),
                        Map.of("headline", text.subject(), "body", text.body(), "unsubscribeUrl", unsubscribeUrl))
                .withListUnsubscribe(unsubscribeUrl);
    }

    private static final String SELECT = """
            select id, subject_fi, body_fi, subject_sv, body_sv, subject_en, body_en, status, created_by, created_at,
                sent_by, sent_at, recipients from newsletter_issue""";

    private static Issue issue(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<Language, Text> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            texts.put(language, new Text(rs.getString("subject_" + language.code()),
                    rs.getString("body_" + language.code())));
        }
        return new Issue(rs.getLong("id"), texts, rs.getString("status"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("sent_by"),
                rs.getObject("sent_at", OffsetDateTime.class), rs.getObject("recipients", Integer.class));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
