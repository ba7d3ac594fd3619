package fi.kivaq.dsr.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.InvoiceLinks;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.register.RegisterImport;
import fi.kivaq.dsr.retention.RetentionReviews;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.subcontractor.DisclosureLog;
import fi.kivaq.dsr.subcontractor.Subcontractors;

/**
 * The demo run's register: a few customer organisations, about twenty contacts, three subcontractors with
 * disclosures, several newsletter subscribers, and one newsletter issue in the mail sink so that its one-click
 * unsubscribe links can be tried. Loaded once, into an empty register only. Every address is under the
 * reserved {@code .example} domain. Written through the owning modules' APIs ({@code register},
 * {@code subcontractor}, {@code mail}), so that this module can go without leaving anything behind.
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

    private final RegisterImport imports;
    private final ContactRegister register;
    private final Subcontractors subcontractors;
    private final DisclosureLog disclosures;
    private final TransactionTemplate transaction;
    private final NewsletterLinks links;
    private final MailOutbox outbox;
    private final Clock clock;
    private final InvoiceLinks invoices;
    private final RetentionReviews reviews;

    DemoRegister(RegisterImport imports, ContactRegister register, Subcontractors subcontractors,
                 DisclosureLog disclosures, TransactionTemplate transaction, NewsletterLinks links, MailOutbox outbox,
                 Clock clock, InvoiceLinks invoices, RetentionReviews reviews) {
        this.imports = imports;
        this.register = register;
        this.subcontractors = subcontractors;
        this.disclosures = disclosures;
        this.transaction = transaction;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
        this.invoices = invoices;
        this.reviews = reviews;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void loadIfEmpty() {
        if (!imports.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> load());
    }

    /** The caller's transaction: all of it or nothing. */
    void load() {
        Instant now = clock.instant();
        List<Long> organisations = ORGANISATIONS.stream()
                .map(org -> imports.addOrganisation(org.name(), org.kind(), daysBefore(now, 900))).toList();

        long facilitator = subcontractor("Työpajavetäjä Tmi Kirsi Aalto", "FACILITATOR", "kirsi.aalto@tyopaja.example", "fi", now);
        long facilitatorSv = subcontractor("Workshop Wikström Ab", "FACILITATOR", "info@wikstrom.example", "sv", now);
        long itService = subcontractor("Saaristo IT Palvelut Oy", "IT_SERVICE", "tuki@saaristoit.example", "fi", now);

        List<Long> contacts = new ArrayList<>();
        int i = 0;
        for (Person person : PEOPLE) {
            i++;
            // the last one has been quiet for over three years: the retention review lists it at once
            boolean inactive = i == PEOPLE.size();
            long contact = imports.addContact(new RegisterImport.ImportedContact(person.name(), person.email(),
                    person.org() < 0 ? null : organisations.get(person.org()), person.role(), person.language(),
                    person.source(), daysBefore(now, inactive ? 1600 : 700 - 25 * i),
                    daysBefore(now, inactive ? 1200 : 30 + 7 * i)));
            contacts.add(contact);
            if (person.source().equals("ORDER_FORM")) {
                // an order's invoice: its purge date follows from the invoice date (Accounting Act 2:10)
                invoices.add(contact, "INV-%d-%04d".formatted(LocalDate.now(clock).getYear() - 1, 100 + i),
                        LocalDate.ofInstant(daysBefore(now, inactive ? 1250 : 300 + i), DeadlineCalculator.HELSINKI));
            }
            if (person.subscribed()) {
                imports.addConsentEvent(contact, true, person.source().equals("EVENT") ? ConsentChannel.EVENT
                        : ConsentChannel.SIGN_UP_FORM, daysBefore(now, 600 - 20 * i));
            } else if (i % 3 == 0) {
                imports.addConsentEvent(contact, true, ConsentChannel.SIGN_UP_FORM, daysBefore(now, 500));
                imports.addConsentEvent(contact, false, ConsentChannel.ONE_CLICK, daysBefore(now, 200));
            }
            if (i <= 6) {
                disclosures.record(contact, facilitator, "Työpajan osallistujalista / workshop participant list", daysBefore(now, 300 - i));
            }
            if (person.language().equals("sv") && person.org() >= 0) {
                disclosures.record(contact, facilitatorSv, "Workshop i Pargas: deltagarlista", daysBefore(now, 250));
            }
            if (i % 4 == 1) {
                disclosures.record(contact, itService, "CRM-tuki: sähköpostiosoitteen tarkistus / CRM support", daysBefore(now, 120));
            }
        }
        sendDemoNewsletter(contacts);
        reviews.raiseDue(LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI)));
        log.info("Demo register loaded: {} organisations, {} contacts, 3 subcontractors", ORGANISATIONS.size(), PEOPLE.size());
    }

    /** One issue to every subscriber, in contact order, each with its own one-click unsubscribe link. */
    private void sendDemoNewsletter(List<Long> contacts) {
        for (long contact : contacts) {
            if (!register.isSubscribed(contact)) {
                continue;
            }
            String url = links.newUnsubscribeUrl(contact);
            String language = register.languageOf(contact).orElseThrow();
            outbox.enqueue(OutgoingMail.of(null, register.emailOf(contact).orElseThrow(), "newsletter", language,
                            Map.of("headline", headline(language), "body", body(language), "unsubscribeUrl", url))
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
        return subcontractors.add(name, kind, email, language, daysBefore(now, 800));
    }

    private static Instant daysBefore(Instant now, int days) {
        return now.minus(Duration.ofDays(Math.max(days, 1)));
    }
}
