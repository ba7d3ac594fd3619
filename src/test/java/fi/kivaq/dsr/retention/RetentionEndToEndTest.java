package fi.kivaq.dsr.retention;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.InvoiceLinks;
import fi.kivaq.dsr.register.RegisterImport;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention, end to end on the shared database (H2, then PostgreSQL). The run is given its day, as the nightly
 * process gives it today's: "moving the clock" is running it for a later day. Every test's data lies near its own
 * boundary, so that a run for a day a few weeks ahead touches nothing of the other tests' data.
 */
class RetentionEndToEndTest extends IntegrationTest {

    @Autowired
    RetentionRun retention;
    @Autowired
    InvoiceLinks invoices;
    @Autowired
    RegisterImport imports;
    @Autowired
    RequestRepository requests;
    @Autowired
    StaffUsers users;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestRegister register;
    @Autowired
    HistoryService historyService;

    private final LocalDate today = LocalDate.now(DeadlineCalculator.HELSINKI);

    @BeforeEach
    void staff() {
        users.ensure("retentionstaff", "s3cret-retention", StaffGroups.STAFF);
    }

    @Test
    void anInvoiceLinkGoesOnItsComputedPurgeDateAndNotBefore() {
        long contact = inactiveContact("Laskutettu Asiakas", uniqueAddress("invoiced"), Instant.now());
        // an invoice from six calendar years ago is kept to the end of this year, and goes on 1 January
        LocalDate invoiceDate = LocalDate.of(today.getYear() - 6, 6, 1);
        String number = "INV-" + contact;
        LocalDate purgeOn = invoices.add(contact, number, invoiceDate);
        assertThat(purgeOn).isEqualTo(LocalDate.of(today.getYear() + 1, 1, 1));
        assertThat(jdbc.sql("select purge_on from invoice_link where invoice_number = :n").param("n", number)
                .query(LocalDate.class).single()).isEqualTo(purgeOn);

        retention.run(today);
        retention.run(purgeOn.minusDays(1));
        assertThat(invoiceLinks(number)).as("kept through the last day of the period").isEqualTo(1);

        var counts = retention.run(purgeOn);
        assertThat(invoiceLinks(number)).isZero();
        assertThat(counts.asMap()).containsKey("invoice links deleted");
        assertThat(jdbc.sql("select detail from audit_log where action = 'RETENTION_RUN' order by id desc")
                .query(String.class).list().get(0)).startsWith(purgeOn + ": ").contains("invoice links deleted");
    }

    @Test
    void anInactiveContactIsDueForReviewAndKeepReschedulesIt() {
        String email = uniqueAddress("inactive");
        // last active three years ago less three days: due for review in three days, not today
        long contact = inactiveContact("Hiljainen Henkilö", email,
                today.minusYears(3).plusDays(3).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant().plusSeconds(3600));
        long subscriber = inactiveContact("Tilaaja Vanha", uniqueAddress("subscribed"),
                today.minusYears(5).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        imports.addConsentEvent(subscriber, true, ConsentChannel.EVENT, Instant.now().minus(2000, ChronoUnit.DAYS));
        long requester = inactiveContact("Pyytäjä Vanha", uniqueAddress("requester"),
                today.minusYears(5).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        DsrRequest recent = requests.recordAnswered(new NewRequest(RequestType.ACCESS, "pyytaja@test.example", null,
                Language.FI, null, RequestChannel.WEB_FORM, Instant.now().minus(100, ChronoUnit.DAYS)), today,
                Instant.now().minus(90, ChronoUnit.DAYS));
        requests.linkContact(recent.id(), requester);

        retention.run(today);
        assertThat(status(contact)).as("not yet three years").isNull();
        retention.run(today.plusDays(4));
        assertThat(status(contact)).isEqualTo("DUE");
        assertThat(status(subscriber)).as("a live newsletter consent is activity").isNull();
        assertThat(status(requester)).as("a request is activity").isNull();

        Http staff = http();
        StaffUsers.login(staff, "retentionstaff", "s3cret-retention");
        String page = staff.get("/staff/retention").body();
        assertThat(page).contains("Hiljainen Henkilö", email);
        LocalDate next = today.plusDays(30);
        assertThat(staff.postForm("/staff/retention/" + contact + "/keep", Map.of("reason", "",
                "nextReview", next.toString(), "_csrf", StaffUsers.csrf(page))).statusCode())
                .as("no reason: refused").isEqualTo(400);
        assertThat(staff.postForm("/staff/retention/" + contact + "/keep", Map.of("reason", "Tarjous kesken",
                "nextReview", "huomenna", "_csrf", StaffUsers.csrf(page))).statusCode())
                .as("not a date: refused").isEqualTo(400);
        HttpResponse<String> kept = staff.postForm("/staff/retention/" + contact + "/keep", Map.of(
                "reason", "Tarjous kesken", "nextReview", next.toString(), "_csrf", StaffUsers.csrf(page)));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(302);
        assertThat(status(contact)).isEqualTo("KEPT");
        assertThat(jdbc.sql("select detail from audit_log where contact_id = :c and action = 'KEEP_AT_RETENTION_REVIEW'")
                .param("c", contact).query(String.class).single()).isEqualTo("next review " + next);

        retention.run(next.minusDays(1));
        assertThat(status(contact)).as("kept until the new review date").isEqualTo("KEPT");
        retention.run(next);
        assertThat(status(contact)).as("still inactive on the review date: due again").isEqualTo("DUE");
    }

    @Test
    void eraseAtReviewLeavesNothingOfThePersonAndSendsNoLetter() {
        String email = uniqueAddress("forgotten");
        String name = "Unohdettu Ihminen-" + email.substring(10, 18);
        long contact = inactiveContact(name, email, today.minusYears(4).atStartOfDay(DeadlineCalculator.HELSINKI)
                .toInstant());
        imports.addConsentEvent(contact, true, ConsentChannel.EVENT, Instant.now().minus(1600, ChronoUnit.DAYS));
        imports.addConsentEvent(contact, false, ConsentChannel.ONE_CLICK, Instant.now().minus(1500, ChronoUnit.DAYS));
        DsrRequest old = requests.recordAnswered(new NewRequest(RequestType.ACCESS, email, name, Language.FI,
                // received before the inactivity period began, closed after its accountability period began: only
                // the erasure can reduce it
                "Mitä tietoja minusta on?", RequestChannel.WEB_FORM, Instant.now().minus(1110, ChronoUnit.DAYS)),
                today.minusDays(1080), Instant.now().minus(1050, ChronoUnit.DAYS));
        requests.linkContact(old.id(), contact);

        retention.run(today);
        assertThat(status(contact)).isEqualTo("DUE");
        Http staff = http();
        StaffUsers.login(staff, "retentionstaff", "s3cret-retention");
        String page = staff.get("/staff/retention").body();
        assertThat(staff.postForm("/staff/retention/" + contact + "/erase", Map.of("_csrf", StaffUsers.csrf(page)))
                .statusCode()).as("not confirmed: nothing erased").isEqualTo(400);
        assertThat(status(contact)).isEqualTo("DUE");
        HttpResponse<String> erased = staff.postForm("/staff/retention/" + contact + "/erase",
                Map.of("confirm", "yes", "_csrf", StaffUsers.csrf(page)));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(302);

        for (String needle : new String[] {email, name}) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as(needle).isEmpty();
        }
        String reference = jdbc.sql("""
                        select detail from audit_log where contact_id = :c and action = 'ERASE_AT_RETENTION_REVIEW'""")
                .param("c", contact).query(String.class).single();
        assertThat(jdbc.sql("select type || ' ' || status || ' ' || erasure_scope from dsr_request where reference = :r")
                .param("r", reference).query(String.class).single()).isEqualTo("DELETION COMPLETED FULL");
        assertThat(jdbc.sql("select count(*) from outbox_mail where request_id in (select id from dsr_request"
                + " where reference = :r)").param("r", reference).query(Long.class).single())
                .as("no letter to the person").isZero();
        assertThat(status(contact)).isNull();
    }

    /**
     * GDPR Art. 19 at a retention review: a contact disclosed to two subcontractors is erased; both are told as an
     * erasure request's recipients are (the same mail, saying why, with a working confirmation link), the person gets
     * nothing, and once both have confirmed and the mails have gone the database holds neither address nor name.
     */
    @Test
    void eraseAtReviewTellsEveryRecipientAndStillLeavesNothingOnceTheyConfirmed() throws Exception {
        String email = uniqueAddress("luovutettu");
        String name = "Luovutettu Ihminen-" + email.substring(11, 19);
        long contact = inactiveContact(name, email, today.minusYears(4).atStartOfDay(DeadlineCalculator.HELSINKI)
                .toInstant());
        String workshop = uniqueAddress("workshop");
        String itService = uniqueAddress("itservice");
        register.disclose(contact, register.subcontractor("Työpaja Tarkistus Oy", workshop, "fi"),
                "Työpajan osallistujalista");
        register.disclose(contact, register.subcontractor("IT Granskning Ab", itService, "sv"), "CRM-tuki");

        retention.run(today);
        assertThat(status(contact)).isEqualTo("DUE");
        Http staff = http();
        StaffUsers.login(staff, "retentionstaff", "s3cret-retention");
        String page = staff.get("/staff/retention").body();
        HttpResponse<String> erased = staff.postForm("/staff/retention/" + contact + "/erase",
                Map.of("confirm", "yes", "_csrf", StaffUsers.csrf(page)));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from contact where id = :c").param("c", contact).query(Long.class).single())
                .as("erased at once, before anyone is told").isZero();
        String reference = jdbc.sql("""
                        select detail from audit_log where contact_id = :c and action = 'ERASE_AT_RETENTION_REVIEW'""")
                .param("c", contact).query(String.class).single();
        assertThat(jdbc.sql("select detail from audit_log where contact_id = :c and action = 'TELL_RECIPIENTS_AT_REVIEW'")
                .param("c", contact).query(String.class).single()).isEqualTo(reference + ": 2 recipients");

        // each recipient in its own language, with the person as it knows them and why no request is behind it
        MimeMessage toWorkshop = awaitMailWithSubject(workshop, "Henkilötietojen poistaminen");
        MimeMessage toIt = awaitMailWithSubject(itService, "Radering av personuppgifter");
        assertThat(Mails.subject(toWorkshop)).contains(reference);
        assertThat(Mails.text(toWorkshop)).contains(name).contains(email).contains("Työpajan osallistujalista")
                .contains("säilytysaikojemme tarkistuksessa").doesNotContain("rekisteröity on pyytänyt");
        assertThat(Mails.text(toIt)).contains(name).contains(email).contains("CRM-tuki")
                .contains("granskning av våra lagringstider").doesNotContain("den registrerade har bett");
        // no personal data in the process: only ids
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(
                        historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                                .list().stream().map(p -> p.getId()).toArray(String[]::new)).list())
                .extracting(v -> v.getName()).isNotEmpty().allMatch(n -> n.equals("requestId") || n.equals("notificationId")
                        || n.equals("nrOfInstances") || n.equals("nrOfActiveInstances") || n.equals("nrOfCompletedInstances")
                        || n.equals("loopCounter") || n.equals("noticeSuperseded"));

        // the data stays while a recipient has not confirmed: its reminder must still name the person
        assertThat(jdbc.sql("select count(*) from dsr_request where reference = :r and requester_email = :e")
                .param("r", reference).param("e", email).query(Long.class).single()).isEqualTo(1);
        assertThat(http().post(Mails.acknowledgementPath(toWorkshop), "text/plain", new byte[0]).statusCode())
                .isEqualTo(200);
        assertThat(http().post(Mails.acknowledgementPath(toIt), "text/plain", new byte[0]).body())
                .contains("Tack för bekräftelsen");

        Awaitility.await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).processDefinitionKey("erasure").finished().count() == 1);
        for (String needle : new String[] {email, name}) {
            assertThat(DatabaseScan.occurrences(dataSource, needle, table -> !table.equals("flyway_schema_history")))
                    .as(needle).isEmpty();
        }
        assertThat(jdbc.sql("""
                        select count(*) from subcontractor_notification n join dsr_request r on r.id = n.request_id
                        where r.reference = :r and n.acknowledged_how = 'LINK' and n.occasion = 'RETENTION_REVIEW'""")
                .param("r", reference).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select type || ' ' || status || ' ' || erasure_scope from dsr_request where reference = :r")
                .param("r", reference).query(String.class).single()).isEqualTo("DELETION COMPLETED FULL");
        assertThat(TestMailServer.receivedBy(email)).as("no letter to the person").isEmpty();
        assertThat(status(contact)).isNull();
    }

    /**
     * Every owner acts on its own period: a row of each category just past its period goes or is reduced, and one
     * just inside stays. Fails when any one owner's retention does nothing.
     */
    @Test
    void closedRequestsAndTheirRecordsPastTheirPeriodAreReducedAndNewerOnesStay() {
        String email = uniqueAddress("closed");
        Instant justPast = today.minusYears(3).minusDays(2).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant();
        Instant inside = today.minusYears(3).plusDays(20).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant();
        long past = closedRequest(email, "Vanha Pyytäjä", justPast);
        long recent = closedRequest(email, "Uudempi Pyytäjä", inside);
        for (long id : new long[] {past, recent}) {
            Instant at = id == past ? justPast : inside;
            jdbc.sql("insert into request_note (request_id, kind, author, text, created_at) values (:r, 'NOTE', 'x',"
                    + " 'Soitti ja kertoi osoitteensa', :at)").param("r", id).param("at", utc(at)).update();
            jdbc.sql("""
                            insert into request_evidence (request_id, file_name, content_type, content, size_bytes,
                                sha256, signature_state, uploaded_by, uploaded_at)
                            values (:r, 'kirje.pdf', 'application/pdf', :c, 3, 'abc', 'NONE', 'x', :at)""")
                    .param("r", id).param("c", new byte[] {1, 2, 3}).param("at", utc(at)).update();
            jdbc.sql("""
                            insert into response_letter (request_id, letter_type, file_name, content, sha256, created_at)
                            values (:r, 'ACCESS', 'vastaus.pdf', :c, 'abc', :at)""")
                    .param("r", id).param("c", new byte[] {1, 2, 3}).param("at", utc(at)).update();
            jdbc.sql("""
                            insert into access_extract (request_id, content, data_held, gathered_at)
                            values (:r, '{"name":"x"}', true, :at)""").param("r", id).param("at", utc(at)).update();
            jdbc.sql("""
                            insert into outbox_mail (request_id, message_id, recipient, subject, text_body, status,
                                next_attempt_at, created_at, sent_at)
                            values (:r, :m, :e, 'Vastaus', 'Hei', 'SENT', :at, :at, :at)""")
                    .param("r", id).param("m", "<" + id + "@test>").param("e", email).param("at", utc(at)).update();
            jdbc.sql("insert into audit_log (actor, action, request_id, occurred_at) values ('x', 'VIEW_EXTRACT', :r, :at)")
                    .param("r", id).param("at", utc(at)).update();
        }

        var counts = retention.run(today);

        assertThat(jdbc.sql("select requester_email from dsr_request where id = :r").param("r", past)
                .query(String.class).optional().orElse(null)).isNull();
        assertThat(jdbc.sql("select personal_data_reduced_at from dsr_request where id = :r").param("r", past)
                .query(OffsetDateTime.class).single()).isNotNull();
        assertThat(jdbc.sql("select reference from dsr_request where id = :r").param("r", past)
                .query(String.class).single()).as("reference, type, dates and outcome stay").startsWith("DSR-");
        assertThat(one("select text from request_note where request_id = :r", past)).isEqualTo("(erased)");
        assertThat(one("select file_name from request_evidence where request_id = :r", past)).isEqualTo("(erased)");
        assertThat(one("select content from access_extract where request_id = :r", past)).isNull();
        assertThat(count("select count(*) from response_letter where request_id = :r and octet_length(content) = 0", past))
                .isEqualTo(1);
        assertThat(count("select count(*) from outbox_mail where request_id = :r", past)).isZero();
        assertThat(count("select count(*) from audit_log where request_id = :r", past)).isZero();

        assertThat(one("select requester_email from dsr_request where id = :r", recent)).isEqualTo(email);
        assertThat(one("select text from request_note where request_id = :r", recent)).isNotEqualTo("(erased)");
        assertThat(one("select file_name from request_evidence where request_id = :r", recent)).isEqualTo("kirje.pdf");
        assertThat(count("select count(*) from response_letter where request_id = :r and octet_length(content) = 3",
                recent)).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where request_id = :r", recent)).isEqualTo(1);
        assertThat(counts.asMap()).containsKeys("requests reduced", "notes reduced", "evidence reduced",
                "letters reduced", "access extracts reduced", "mails deleted", "audit entries deleted");

        // a second run the same day finds nothing more of these
        var again = retention.run(today);
        assertThat(again.asMap()).doesNotContainKeys("requests reduced", "letters reduced");
    }

    private long inactiveContact(String name, String email, Instant lastActivity) {
        return imports.addContact(new RegisterImport.ImportedContact(name, email, null, null, "fi", "EVENT",
                lastActivity.minus(30, ChronoUnit.DAYS), lastActivity));
    }

    private long closedRequest(String email, String name, Instant closedAt) {
        return requests.recordAnswered(new NewRequest(RequestType.ACCESS, email, name, Language.FI, "Tiedot",
                RequestChannel.WEB_FORM, closedAt.minus(20, ChronoUnit.DAYS)), LocalDate.now(), closedAt).id();
    }

    private String status(long contactId) {
        return jdbc.sql("select status from retention_review where contact_id = :c").param("c", contactId)
                .query(String.class).optional().orElse(null);
    }

    private long invoiceLinks(String number) {
        return jdbc.sql("select count(*) from invoice_link where invoice_number = :n").param("n", number)
                .query(Long.class).single();
    }

    private String one(String sql, long id) {
        return jdbc.sql(sql).param("r", id).query(String.class).optional().orElse(null);
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("r", id).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
