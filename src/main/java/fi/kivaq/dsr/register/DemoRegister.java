package fi.kivaq.dsr.register;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.GeneratedKeys;

/**
 * The demo run's register: a few customer organisations, about twenty contacts, three subcontractors with
 * disclosures, several newsletter subscribers, and one newsletter issue in the mail sink so that its one-click
 * unsubscribe links can be tried. Loaded once, into an empty register only. Every address is under the
 * reserved {@code .example} domain.
 */
@Component
@ConditionalOnProperty(name = "dsr.demo.enabled", havingValue = "true")
class DemoRegister {

    private static final Logger log = LoggerFactory.getLogger(DemoRegister.class);

    private record Org(String name, String kind) {
    }

    /** name, e-mail, organisation index (-1: none), role, language, source, subscribed */
    private record Person(String name, String email, int org, String role, String language, String source,
                          boolean subscribed) {
    }

    private static final List<Org> ORGANISATIONS = List.of(
            new Org("Kemiönsaaren kunta", "MUNICIPALITY"),
            new Org("Saaristomeren Puu Oy", "COMPANY"),
            new Org("Turun Kulttuuriyhdistys ry", "ASSOCIATION"),
            new Org("Pargas Design Ab", "COMPANY"),
            new Org("Salon kaupunki", "MUNICIPALITY"));

    private static final List<Person> PEOPLE = List.of(
            new Person("Aino Virtanen", "aino.virtanen@kemionsaari.example", 0, "Sivistysjohtaja", "fi", "ORDER_FORM", true),
            new Person("Juha Mäkinen", "juha.makinen@kemionsaari.example", 0, "Hankekoordinaattori", "fi", "EMAIL", false),
            new Person("Helena Lindqvist", "helena.lindqvist@kemionsaari.example", 0, "Rektor", "sv", "EVENT", true),
            new Person("Mikko Saarinen", "mikko.saarinen@saaristomerenpuu.example", 1, "Toimitusjohtaja", "fi", "ORDER_FORM", true),
            new Person("Sari Heikkinen", "sari.heikkinen@saaristomerenpuu.example", 1, "HR-päällikkö", "fi", "CONTACT_FORM", false),
            new Person("Laura Niemi", "laura.niemi@turunkulttuuri.example", 2, "Puheenjohtaja", "fi", "EVENT", true),
            new Person("Pekka Koskinen", "pekka.koskinen@turunkulttuuri.example", 2, "Sihteeri", "fi", "EMAIL", false),
            new Person("Åsa Öberg", "asa.oberg@pargasdesign.example", 3, "VD", "sv", "ORDER_FORM", true),
            new Person("Johan Karlsson", "johan.karlsson@pargasdesign.example", 3, "Designer", "sv", "EVENT", false),
            new Person("Emma Lehtonen", "emma.lehtonen@salo.example", 4, "Nuorisotyön esihenkilö", "fi", "ORDER_FORM", false),
            new Person("Antti Järvinen", "antti.jarvinen@salo.example", 4, "Kehittämispäällikkö", "fi", "CONTACT_FORM", true),
            new Person("Kaisa Hämäläinen", "kaisa.hamalainen@posti.example", -1, null, "fi", "EVENT", true),
            new Person("Oskar Nyström", "oskar.nystrom@posti.example", -1, null, "sv", "EVENT", true),
            new Person("Leena Rantanen", "leena.rantanen@posti.example", -1, null, "fi", "EVENT", false),
            new Person("Tuomas Laine", "tuomas.laine@posti.example", -1, null, "fi", "CONTACT_FORM", true),
            new Person("Maria González", "maria.gonzalez@correo.example", -1, null, "en", "EVENT", true),
            new Person("Jan Kowalski", "jan.kowalski@poczta.example", -1, null, "en", "EVENT", false),
            new Person("Elina Salminen", "elina.salminen@posti.example", -1, null, "fi", "EMAIL", false),
            new Person("Henrik Sjöberg", "henrik.sjoberg@posti.example", -1, null, "sv", "EVENT", true),
            new Person("Riikka Heinonen", "riikka.heinonen@posti.example", -1, null, "fi", "ORDER_FORM", false));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final NewsletterLinks links;
    private final MailOutbox outbox;
    private final Clock clock;

    DemoRegister(JdbcClient jdbc, TransactionTemplate transaction, NewsletterLinks links, MailOutbox outbox,
                 Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void loadIfEmpty() {
        if (jdbc.sql("select count(*) from contact").query(Long.class).single() > 0) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
    }

    private void load() {
        Instant now = clock.instant();
        List<Long> organisations = ORGANISATIONS.stream().map(org -> GeneratedKeys.insertReturningId(jdbc.sql(
                        "insert into organisation (name, kind, created_at) values (:name, :kind, :at)")
                .param("name", org.name()).param("kind", org.kind()).param("at", daysBefore(now, 900)))).toList();

        long facilitator = subcontractor("Työpajavetäjä Tmi Kirsi Aalto", "FACILITATOR", "kirsi.aalto@tyopaja.example", "fi", now);
        long facilitatorSv = subcontractor("Workshop Wikström Ab", "FACILITATOR", "info@wikstrom.example", "sv", now);
        long itService = subcontractor("Saaristo IT Palvelut Oy", "IT_SERVICE", "tuki@saaristoit.example", "fi", now);

        int i = 0;
        for (Person person : PEOPLE) {
            i++;
            long contact = GeneratedKeys.insertReturningId(jdbc.sql("""
                            insert into contact (name, email, email_normalised, organisation_id, role, language, source,
                                created_at, last_activity_at)
                            values (:name, :email, :normalised, :org, :role, :language, :source, :created, :active)""")
                    .param("name", person.name())
                    .param("email", person.email())
                    .param("normalised", EmailAddresses.normalise(person.email()))
                    .param("org", person.org() < 0 ? null : organisations.get(person.org()))
                    .param("role", person.role())
                    .param("language", person.language())
                    .param("source", person.source())
                    .param("created", daysBefore(now, 700 - 25 * i))
                    .param("active", daysBefore(now, 30 + 7 * i)));
            if (person.subscribed()) {
                consent(contact, "GIVEN", person.source().equals("EVENT") ? "EVENT" : "SIGN_UP_FORM", daysBefore(now, 600 - 20 * i));
            } else if (i % 3 == 0) {
                consent(contact, "GIVEN", "SIGN_UP_FORM", daysBefore(now, 500));
                consent(contact, "WITHDRAWN", "ONE_CLICK", daysBefore(now, 200));
            }
            if (i <= 6) {
                disclose(contact, facilitator, "Työpajan osallistujalista / workshop participant list", daysBefore(now, 300 - i));
            }
            if (person.language().equals("sv") && person.org() >= 0) {
                disclose(contact, facilitatorSv, "Workshop i Pargas: deltagarlista", daysBefore(now, 250));
            }
            if (i % 4 == 1) {
                disclose(contact, itService, "CRM-tuki: sähköpostiosoitteen tarkistus / CRM support", daysBefore(now, 120));
            }
        }
        sendDemoNewsletter();
        log.info("Demo register loaded: {} organisations, {} contacts, 3 subcontractors", ORGANISATIONS.size(), PEOPLE.size());
    }

    private void sendDemoNewsletter() {
        List<Long> subscribers = jdbc.sql("""
                        select c.id from contact c where (
                            select e.kind from newsletter_consent_event e where e.contact_id = c.id
                            order by e.occurred_at desc, e.id desc fetch first 1 rows only) = 'GIVEN'
                        order by c.id""")
                .query(Long.class).list();
        for (long contact : subscribers) {
            Map<String, String> row = jdbc.sql("select email, language from contact where id = :id")
                    .param("id", contact)
                    .query((rs, n) -> Map.of("email", rs.getString("email"), "language", rs.getString("language")))
                    .single();
            String url = links.newUnsubscribeUrl(contact);
            String language = row.get("language");
            outbox.enqueue(OutgoingMail.of(null, row.get("email"), "newsletter", language, Map.of(
                            "headline", headline(language),
                            "body", body(language),
                            "unsubscribeUrl", url))
                    .withListUnsubscribe(url));
        }
    }

    private static String headline(String language) {
        return switch (language) {
            case "sv" -> "Workshops i vår";
            case "en" -> "Spring workshops";
            default -> "Kevään työpajat";
        };
    }

    private static String body(String language) {
        return switch (language) {
            case "sv" -> "Vårens workshops om hållbar arbetshälsa börjar i mars. (Ett demonyhetsbrev.)";
            case "en" -> "Our spring workshops on sustainable wellbeing at work start in March. (A demo newsletter.)";
            default -> "Kevään työhyvinvointityöpajat alkavat maaliskuussa. (Tämä on esittelyuutiskirje.)";
        };
    }

    private long subcontractor(String name, String kind, String email, String language, Instant now) {
        return GeneratedKeys.insertReturningId(jdbc.sql("""
                        insert into subcontractor (name, kind, email, language, created_at)
                        values (:name, :kind, :email, :language, :at)""")
                .param("name", name).param("kind", kind).param("email", email).param("language", language)
                .param("at", daysBefore(now, 800)));
    }

    private void consent(long contact, String kind, String channel, OffsetDateTime at) {
        jdbc.sql("""
                        insert into newsletter_consent_event (contact_id, kind, occurred_at, channel)
                        values (:contact, :kind, :at, :channel)""")
                .param("contact", contact).param("kind", kind).param("at", at).param("channel", channel).update();
    }

    private void disclose(long contact, long subcontractor, String purpose, OffsetDateTime at) {
        jdbc.sql("""
                        insert into disclosure (contact_id, subcontractor_id, disclosed_at, purpose)
                        values (:contact, :subcontractor, :at, :purpose)""")
                .param("contact", contact).param("subcontractor", subcontractor).param("at", at)
                .param("purpose", purpose).update();
    }

    private static OffsetDateTime daysBefore(Instant now, int days) {
        return now.minus(Duration.ofDays(Math.max(days, 1))).atOffset(ZoneOffset.UTC);
    }
}
