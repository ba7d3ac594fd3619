package fi.kivaq.dsr.demo;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.deadline.RequestDeadlines;
import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.InvoiceLinks;
import fi.kivaq.dsr.register.NewsletterLinks;
import fi.kivaq.dsr.register.RegisterImport;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.retention.RetentionReviews;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.subcontractor.DisclosureLog;
import fi.kivaq.dsr.subcontractor.Subcontractors;
import fi.kivaq.dsr.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo run's data, loaded through the owning modules' APIs on the real database, checked, and rolled back: the
 * tests' shared database already has contacts and requests (so the "only into an empty database" guard would skip
 * it), and the demo's fixed addresses must not stay behind for other tests.
 */
class DemoDataTest extends IntegrationTest {

    @Autowired
    RegisterImport imports;
    @Autowired
    ContactRegister register;
    @Autowired
    Subcontractors subcontractors;
    @Autowired
    DisclosureLog disclosures;
    @Autowired
    NewsletterLinks links;
    @Autowired
    MailOutbox outbox;
    @Autowired
    RequestRepository requests;
    @Autowired
    RequestDeadlines deadlines;
    @Autowired
    RequestIntake intake;
    @Autowired
    DeadlineCalculator calculator;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Clock clock;
    @Autowired
    InvoiceLinks invoices;
    @Autowired
    RetentionReviews reviews;

    @Test
    void theDemoRegisterHasItsContactsSubcontractorsDisclosuresAndOneNewsletterToEachSubscriber() {
        DemoRegister demo = new DemoRegister(imports, register, subcontractors, disclosures, transaction, links, outbox,
                clock, invoices, reviews);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            demo.load();

            assertThat(count("select count(*) from contact where email like '%.example' and (email like '%@kemionsaari.example'"
                    + " or email like '%@saaristomerenpuu.example' or email like '%@turunkulttuuri.example'"
                    + " or email like '%@pargasdesign.example' or email like '%@salo.example' or email like '%@posti.example'"
                    + " or email like '%@correo.example' or email like '%@poczta.example')")).isEqualTo(20);
            assertThat(count("select count(*) from contact where organisation_id in (select id from organisation"
                    + " where name in ('Kemiönsaaren kunta', 'Salon kaupunki'))")).isEqualTo(5);
            assertThat(count("select count(*) from subcontractor where email in ('kirsi.aalto@tyopaja.example',"
                    + " 'info@wikstrom.example', 'tuki@saaristoit.example')")).isEqualTo(3);
            assertThat(count("select count(*) from disclosure d join subcontractor s on s.id = d.subcontractor_id"
                    + " where s.email in ('kirsi.aalto@tyopaja.example', 'info@wikstrom.example', 'tuki@saaristoit.example')"))
                    .as("6 workshop participants, 3 Swedish-speaking contact persons, 5 CRM checks").isEqualTo(14);
            long aino = register.findContactIdByEmail("aino.virtanen@kemionsaari.example").orElseThrow();
            assertThat(disclosures.newestFirst(aino)).hasSize(2);
            assertThat(register.isSubscribed(aino)).isTrue();
            long johan = register.findContactIdByEmail("johan.karlsson@pargasdesign.example").orElseThrow();
            assertThat(register.isSubscribed(johan)).as("gave consent, then withdrew it").isFalse();
            assertThat(count("select count(*) from newsletter_consent_event where contact_id = " + johan)).isEqualTo(2);
            assertThat(count("select count(*) from outbox_mail where list_unsubscribe_url is not null and recipient in"
                    + " (select email from contact where id in (select contact_id from unsubscribe_link))"
                    + " and recipient like '%.example' and recipient not like '%@test.example'"))
                    .as("one newsletter, with its one-click link, to each of the 11 subscribers").isEqualTo(11);
            assertThat(count("select count(*) from invoice_link where contact_id in (select id from contact where"
                    + " source = 'ORDER_FORM' and email like '%.example' and email not like '%@test.example')"
                    + " and purge_on > invoice_date"))
                    .as("an invoice link with its computed purge date for each of the 5 customers who ordered")
                    .isEqualTo(5);
            long riikka = register.findContactIdByEmail("riikka.heinonen@posti.example").orElseThrow();
            assertThat(count("select count(*) from retention_review where status = 'DUE' and contact_id = " + riikka))
                    .as("quiet for over three years: due for a retention review").isEqualTo(1);
        });
        assertThat(register.findContactIdByEmail("aino.virtanen@kemionsaari.example")).as("rolled back").isEmpty();
    }

    @Test
    void theDemoRequestsAreFiveOpenOnesAndAYearOfAnsweredOnesSomeLate() {
        DemoRequests demo = new DemoRequests(requests, deadlines, transaction, intake, calculator, clock);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            demo.load();

            assertThat(count("select count(*) from dsr_request where requester_email like 'demo.%@demo.example'"
                    + " and requester_email <> 'demo.history@demo.example' and status not in ('COMPLETED', 'CLOSED_UNVERIFIED')"))
                    .isEqualTo(5);
            assertThat(count("select count(*) from dsr_request where requester_email = 'demo.history@demo.example'"
                    + " and status = 'COMPLETED' and verified_at = received_at and closed_at is not null"
                    + " and reference like 'DSR-%'")).isEqualTo(60);
            long late = count("select count(*) from dsr_request where requester_email = 'demo.history@demo.example'"
                    + " and overdue_since is not null");
            assertThat(late).as("now and then late").isPositive().isLessThan(60);
            assertThat(count("select count(*) from dsr_request where requester_email = 'demo.history@demo.example'"
                    + " and overdue_since is not null and closed_at > overdue_since")).isEqualTo(late);
        });
        assertThat(count("select count(*) from dsr_request where requester_email like 'demo.%@demo.example'"))
                .as("rolled back").isZero();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
