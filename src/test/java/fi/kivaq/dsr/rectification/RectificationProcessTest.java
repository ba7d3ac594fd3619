package fi.kivaq.dsr.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestMailServer;
import fi.kivaq.dsr.support.TestRegister;

/**
 * rectification.bpmn on the real engine, driven like people drive it: the requester through the API and mailed
 * links, staff through the decision page, subcontractors through their links; the answer is the sealed PDF.
 */
class RectificationProcessTest extends IntegrationTest {

    private static final String STAFF = "rect-staff";
    private static final String STAFF_PASSWORD = "rect-staff-pw";
    private static final String OLD_NAME = "Oikaisu Vanhanimi";

    @Autowired
    TestRegister register;
    @Autowired
    ContactRegister contacts;
    @Autowired
    StaffUsers staffUsers;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;

    private final ObjectMapper json = new ObjectMapper();
    private Http staff;

    @BeforeEach
    void staffLogin() {
        staffUsers.ensure(STAFF, STAFF_PASSWORD, "dsr-staff");
        staff = http();
        StaffUsers.login(staff, STAFF, STAFF_PASSWORD);
    }

    @Test
    void approvingEveryChangeUpdatesTheRegisterTellsEachRecipientAndAnswersWithASignedLetter() throws Exception {
        Case c = verifiedRectification(2);
        HttpResponse<String> saved = decide(c, List.of(Map.entry("value.NAME", "Oikaisu Uusinimi"),
                Map.entry("value.ROLE", "Koordinaattori"), Map.entry("approve", "NAME"), Map.entry("approve", "ROLE")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(Jsoup.parse(staff.get("/staff/requests/" + c.reference()).body()).select("#flash").text())
                .isEqualTo("Päätös tallennettiin. Prosessi jatkuu seuraavaan vaiheeseen.");

        Awaitility.await().atMost(PATIENCE).until(() -> contactValue(c, "name"), "Oikaisu Uusinimi"::equals);
        assertThat(contactValue(c, "role")).isEqualTo("Koordinaattori");
        for (String recipient : c.recipients()) {
            MimeMessage instruction = awaitMailWithSubject(recipient, "Henkilötietojen oikaiseminen");
            assertThat(Mails.text(instruction)).contains("Henkilö: " + OLD_NAME + " <" + c.email() + ">")
                    .contains("Nimi: Oikaisu Uusinimi").contains("Rooli: Koordinaattori");
            assertThat(http().post(Mails.acknowledgementPath(instruction), "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        }

        String letter = letterText(c.email());
        assertThat(letter).contains("Tietosi on oikaistu")
                .contains("Nimi: " + OLD_NAME + " → Oikaisu Uusinimi")
                .contains("(vahvisti korjauksen");
        assertThat(status(c)).isEqualTo("COMPLETED");
        assertThat(engineVariablesOf(c)).noneMatch(v -> String.valueOf(v.getValue()).contains("Oikaisu"));
    }

    @Test
    void approvingPartOfTheRequestChangesOnlyThatPartAndGivesTheReasonForTheRest() throws Exception {
        Case c = verifiedRectification(1);
        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Osittain"), Map.entry("value.ROLE", "Toimitusjohtaja"),
                Map.entry("approve", "NAME"), Map.entry("reason", "Rooli on organisaation ilmoittama tieto.")));
        MimeMessage instruction = awaitMailWithSubject(c.recipients().get(0), "Henkilötietojen oikaiseminen");
        assertThat(Mails.text(instruction)).contains("Nimi: Oikaisu Osittain").doesNotContain("Toimitusjohtaja");
        http().post(Mails.acknowledgementPath(instruction), "text/plain", new byte[0]);

        String letter = letterText(c.email());
        assertThat(letter).contains("Tietosi on osittain oikaistu")
                .contains("Nimi: " + OLD_NAME + " → Oikaisu Osittain")
                .contains("Rooli: ei muutettu (pyysit: Toimitusjohtaja)")
                .contains("Rooli on organisaation ilmoittama tieto.");
        assertThat(contactValue(c, "name")).isEqualTo("Oikaisu Osittain");
        assertThat(contactValue(c, "role")).isNull();
    }

    @Test
    void aRefusalChangesNothingTellsNoRecipientAndGivesTheReason() throws Exception {
        Case c = verifiedRectification(1);
        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Hylätty"),
                Map.entry("reason", "Nimi on kirjoitettu kuten allekirjoittamassasi tilauksessa.")));

        String letter = letterText(c.email());
        assertThat(letter).contains("Emme oikaisseet tietojasi")
                .contains("Nimi: ei muutettu (pyysit: Oikaisu Hylätty)")
                .contains("kuten allekirjoittamassasi tilauksessa");
        assertThat(contactValue(c, "name")).isEqualTo(OLD_NAME);
        assertThat(jdbc.sql("select count(*) from subcontractor_notification where request_id = :id")
                .param("id", c.requestId()).query(Long.class).single()).isZero();
        assertThat(TestMailServer.receivedBy(c.recipients().get(0))).isEmpty();
    }

    @Test
    void aDecisionThatRefusesWithoutAReasonIsRejectedAndTheTaskCannotBeCompletedWithoutOne() {
        Case c = verifiedRectification(0);
        HttpResponse<String> rejected = decide(c, List.of(Map.entry("value.NAME", "Oikaisu Ilmanperustetta")));
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("Kirjoita perustelu").contains("Oikaisu Ilmanperustetta");
        HttpResponse<String> invalid = decide(c, List.of(Map.entry("value.EMAIL", "not an address"),
                Map.entry("approve", "EMAIL")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Sähköpostiosoite ei ole kelvollinen");

        Task task = decisionTask(c);
        assertThatThrownBy(() -> taskService.complete(task.getId()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("staff page");
        assertThat(decisionTask(c)).isNotNull();
        assertThat(contactValue(c, "name")).isEqualTo(OLD_NAME);
    }

    @Test
    void aNewAddressIsUsedOnlyOnceItsOwnerConfirmsItAndTheOldOneStopsWorking() throws Exception {
        Case c = verifiedRectification(1);
        String unsubscribeViaOldAddress = register.unsubscribePath(c.contactId());
        String newAddress = uniqueAddress("rect-new");
        decide(c, List.of(Map.entry("value.EMAIL", newAddress), Map.entry("approve", "EMAIL")));

        MimeMessage confirmation = awaitMailWithSubject(newAddress, "Vahvista uusi sähköpostiosoitteesi");
        assertThat(contactValue(c, "email")).as("not used before it is confirmed").isEqualTo(c.email());
        assertThat(TestMailServer.receivedBy(newAddress)).hasSize(1);
        String link = Mails.addressConfirmationPath(confirmation);
        HttpResponse<String> page = http().get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(c.reference()).doesNotContain(newAddress).doesNotContain(c.email());
        assertThat(contactValue(c, "email")).as("opening the link changes nothing").isEqualTo(c.email());

        assertThat(http().post(link, "text/plain", new byte[0]).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(PATIENCE).until(() -> contactValue(c, "email"), newAddress::equals);
        assertThat(contacts.findContactIdByEmail(c.email())).isEmpty();
        assertThat(contacts.findContactIdByEmail(newAddress.toUpperCase())).contains(c.contactId());
        assertThat(http().post(unsubscribeViaOldAddress, "text/plain", new byte[0]).statusCode())
                .as("a link mailed to the old address no longer acts on the contact").isEqualTo(404);
        assertThat(register.isSubscribed(c.contactId())).isTrue();
        assertThat(http().post(link, "text/plain", new byte[0]).statusCode()).as("single use").isEqualTo(410);

        MimeMessage instruction = awaitMailWithSubject(c.recipients().get(0), "Henkilötietojen oikaiseminen");
        assertThat(Mails.text(instruction)).contains("Henkilö: " + OLD_NAME + " <" + c.email() + ">")
                .contains("Sähköpostiosoite: " + newAddress);
        http().post(Mails.acknowledgementPath(instruction), "text/plain", new byte[0]);
        String letter = letterText(newAddress);
        assertThat(letter).contains("Sähköpostiosoite: " + c.email() + " → " + newAddress);
        assertThat(TestMailServer.receivedBy(c.email()).stream().map(Mails::subject))
                .noneMatch(s -> s.contains("Vastaus korjauspyyntöösi"));
    }

    @Test
    void anUnconfirmedNewAddressLapsesAndTheAnswerGoesToTheOldOne() throws Exception {
        Case c = verifiedRectification(1);
        String newAddress = uniqueAddress("rect-lapse");
        decide(c, List.of(Map.entry("value.EMAIL", newAddress), Map.entry("approve", "EMAIL")));
        MimeMessage confirmation = awaitMailWithSubject(newAddress, "Vahvista uusi sähköpostiosoitteesi");

        managementService.executeJob(timer(c, "BoundaryEvent_AddressLinkExpired").getId());

        String letter = letterText(c.email());
        assertThat(letter).contains("Emme oikaisseet tietojasi")
                .contains("ei muutettu, koska uutta osoitetta " + newAddress + " ei vahvistettu");
        assertThat(contactValue(c, "email")).isEqualTo(c.email());
        assertThat(http().post(Mails.addressConfirmationPath(confirmation), "text/plain", new byte[0]).statusCode()).isEqualTo(410);
        assertThat(contactValue(c, "email")).isEqualTo(c.email());
        assertThat(TestMailServer.receivedBy(c.recipients().get(0))).as("nothing changed, nobody to tell").isEmpty();
    }

    @Test
    void whenTheRegisterChangedSinceTheDecisionStaffDecideAgainAndNothingIsOverwritten() throws Exception {
        Case c = verifiedRectification(0);
        String newAddress = uniqueAddress("rect-conflict");
        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Ensimmäinen"), Map.entry("value.EMAIL", newAddress),
                Map.entry("approve", "NAME"), Map.entry("approve", "EMAIL")));
        MimeMessage confirmation = awaitMailWithSubject(newAddress, "Vahvista uusi sähköpostiosoitteesi");
        // another change of the same field lands while the requester confirms the new address
        jdbc.sql("update contact set name = 'Oikaisu Välissä' where id = :id").param("id", c.contactId()).update();
        http().post(Mails.addressConfirmationPath(confirmation), "text/plain", new byte[0]);

        Task again = Awaitility.await().atMost(PATIENCE).until(() -> decisionTask(c), t -> t != null);
        assertThat(again).isNotNull();
        assertThat(contactValue(c, "name")).isEqualTo("Oikaisu Välissä");
        assertThat(contactValue(c, "email")).as("no part of a stale decision is applied").isEqualTo(c.email());
        String page = staff.get("/staff/requests/" + c.reference() + "/rectification").body();
        assertThat(page).contains("id=\"conflict\"").contains("Oikaisu Välissä")
                .contains("href=\"/staff/contacts/" + c.contactId() + "\"");

        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Toinen"), Map.entry("approve", "NAME")));
        assertThat(letterText(c.email())).contains("Nimi: Oikaisu Välissä → Oikaisu Toinen");
        assertThat(contactValue(c, "name")).isEqualTo("Oikaisu Toinen");
    }

    @Test
    void aPersonErasedBeforeTheChangeIsNotResurrected() throws Exception {
        Case c = verifiedRectification(1);
        String newAddress = uniqueAddress("rect-gone");
        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Haamu"), Map.entry("value.EMAIL", newAddress),
                Map.entry("approve", "NAME"), Map.entry("approve", "EMAIL")));
        MimeMessage confirmation = awaitMailWithSubject(newAddress, "Vahvista uusi sähköpostiosoitteesi");
        jdbc.sql("delete from contact where id = :id").param("id", c.contactId()).update();
        http().post(Mails.addressConfirmationPath(confirmation), "text/plain", new byte[0]);

        Awaitility.await().atMost(PATIENCE).until(() -> status(c), "COMPLETED"::equals);
        assertThat(jdbc.sql("select count(*) from contact where name = 'Oikaisu Haamu' or email_normalised in (:a, :b)")
                .param("a", c.email()).param("b", newAddress).query(Long.class).single()).isZero();
        assertThat(historyService.createHistoricActivityInstanceQuery().activityId("EndEvent_NothingToCorrect")
                .processInstanceId(rectificationProcessId(c)).finished().count()).isEqualTo(1);
        assertThat(jdbc.sql("select outcome from rectification_change where request_id = :id").param("id", c.requestId())
                .query(String.class).list()).containsExactly("NOT_APPLIED", "NOT_APPLIED");
        assertThat(TestMailServer.receivedBy(c.recipients().get(0))).isEmpty();
    }

    @Test
    void aCorrectionProposedFromTheRegisterTakesTheSamePathToTheRegisterTheSubcontractorAndThePerson() throws Exception {
        String email = uniqueAddress("rect-staff");
        long contact = register.subscriber(OLD_NAME, email, "fi");
        String recipient = uniqueAddress("rect-staff-sub");
        register.disclose(contact, register.subcontractor("Fasilitaattori R " + recipient.substring(15, 23), recipient,
                "fi"), "Työpaja");
        String contactPath = "/staff/contacts/" + contact;
        long requestsBefore = requestCount();

        Document contactPage = Jsoup.parse(staff.get(contactPath).body());
        String formPath = contactPage.selectFirst("#actions a[href$=/correction]").attr("href");
        assertThat(formPath).as("the contact page links to the form").isEqualTo(contactPath + "/correction");
        Document form = Jsoup.parse(staff.get(formPath).body());
        assertThat(form.selectFirst("section#correction form").attr("action")).isEqualTo(formPath);
        assertThat(form.selectFirst("input[name=value.NAME]").val()).isEqualTo(OLD_NAME);
        assertThat(form.selectFirst("input[name=value.EMAIL]").val()).isEqualTo(email);

        HttpResponse<String> missingVia = staff.postForm(formPath, List.of(
                Map.entry("value.NAME", "Oikaisu Puhelimesta"), Map.entry("_csrf", StaffUsers.csrf(staff.get(formPath).body()))));
        assertThat(missingVia.statusCode()).isEqualTo(400);
        assertThat(missingVia.body()).contains("Valitse, miten korjauspyyntö tuli").contains("Oikaisu Puhelimesta");
        assertThat(requestCount()).as("nothing filed").isEqualTo(requestsBefore);

        HttpResponse<String> proposed = staff.postForm(formPath, List.of(
                Map.entry("value.NAME", "Oikaisu Puhelimesta"), Map.entry("value.EMAIL", email),
                Map.entry("receivedVia", "PHONE"), Map.entry("note", "Soitti ja kertoi uuden sukunimen."),
                Map.entry("_csrf", StaffUsers.csrf(staff.get(formPath).body()))));
        assertThat(proposed.statusCode()).isEqualTo(302);
        String location = proposed.headers().firstValue("Location").orElseThrow();
        String reference = location.replaceAll(".*/staff/requests/([^/]+)/rectification$", "$1");
        assertThat(contactValue(contact, "name")).as("nothing changes before the decision").isEqualTo(OLD_NAME);
        long requestId = jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();
        Case c = new Case(reference, requestId, contact, email, List.of(recipient));
        assertThat(decisionTask(c)).as("no verification link: staff act on the register entry").isNotNull();
        assertThat(TestMailServer.receivedBy(email)).isEmpty();
        assertThat(staff.get("/staff/requests/" + reference + "/rectification").body())
                .contains("value=\"Oikaisu Puhelimesta\"").contains("Soitti ja kertoi uuden sukunimen.");

        decide(c, List.of(Map.entry("value.NAME", "Oikaisu Puhelimesta"), Map.entry("approve", "NAME")));
        MimeMessage instruction = awaitMailWithSubject(recipient, "Henkilötietojen oikaiseminen");
        assertThat(Mails.text(instruction)).contains("Nimi: Oikaisu Puhelimesta");
        http().post(Mails.acknowledgementPath(instruction), "text/plain", new byte[0]);
        assertThat(letterText(email)).contains("Nimi: " + OLD_NAME + " → Oikaisu Puhelimesta");
        assertThat(contactValue(contact, "name")).isEqualTo("Oikaisu Puhelimesta");
        assertThat(jdbc.sql("select received_via || ' ' || registered_by from dsr_request where id = :id")
                .param("id", requestId).query(String.class).single()).isEqualTo("PHONE " + STAFF);
        assertThat(jdbc.sql("select action from audit_log where contact_id = :c").param("c", contact)
                .query(String.class).list()).contains("PROPOSE_CORRECTION", "VIEW_CONTACT", "CHANGE_REGISTER");
    }

    // ---- helpers ----

    private record Case(String reference, long requestId, long contactId, String email, List<String> recipients) {
    }

    /** A rectification request by a subscriber with {@code count} recipients, verified, waiting for staff. */
    private Case verifiedRectification(int count) {
        String email = uniqueAddress("rect");
        long contact = register.subscriber(OLD_NAME, email, "fi");
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = uniqueAddress("rect-recipient" + i);
            register.disclose(contact, register.subcontractor("Fasilitaattori " + (char) ('A' + i) + " "
                    + address.substring(15, 23), address, "fi"), "Työpaja");
            recipients.add(address);
        }
        String reference;
        try {
            reference = json.readTree(http().postJson("/api/requests", """
                    {"type":"RECTIFICATION","email":"%s","language":"fi","details":"Nimeni on muuttunut."}"""
                    .formatted(email)).body()).get("reference").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "Vahvista")), "text/plain", new byte[0]);
        long requestId = jdbc.sql("select id from dsr_request where reference = :r").param("r", reference)
                .query(Long.class).single();
        Case c = new Case(reference, requestId, contact, email, recipients);
        Awaitility.await().atMost(PATIENCE).until(() -> decisionTask(c), t -> t != null);
        return c;
    }

    private HttpResponse<String> decide(Case c, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>(fields);
        form.add(Map.entry("_csrf", StaffUsers.csrf(staff.get("/staff/requests/" + c.reference() + "/rectification").body())));
        return staff.postForm("/staff/requests/" + c.reference() + "/rectification", form);
    }

    private Task decisionTask(Case c) {
        return taskService.createTaskQuery().processInstanceBusinessKey(c.reference())
                .processDefinitionKey("rectification").taskDefinitionKey("UserTask_DecideRectification").singleResult();
    }

    private String contactValue(Case c, String column) {
        return contactValue(c.contactId(), column);
    }

    private String contactValue(long contactId, String column) {
        return jdbc.sql("select " + column + " from contact where id = :id").param("id", contactId)
                .query(String.class).optional().orElse(null);
    }


    private String status(Case c) {
        return jdbc.sql("select status from dsr_request where id = :id").param("id", c.requestId())
                .query(String.class).single();
    }

    private String rectificationProcessId(Case c) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(c.reference())
                .processDefinitionKey("rectification").singleResult().getId();
    }

    private List<HistoricVariableInstance> engineVariablesOf(Case c) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(c.reference()).list()
                .stream().flatMap(p -> historyService.createHistoricVariableInstanceQuery()
                        .processInstanceId(p.getId()).list().stream())
                .toList();
    }

    private Job timer(Case c, String activityId) {
        return Awaitility.await().atMost(PATIENCE).until(() -> managementService.createJobQuery()
                .processInstanceId(rectificationProcessId(c)).activityId(activityId).timers().singleResult(), j -> j != null);
    }

    private String letterText(String address) {
        MimeMessage answer = awaitMailWithSubject(address, "Vastaus korjauspyyntöösi");
        byte[] pdf = Mails.attachments(answer).get(0).content();
        assertThat(SealedPdf.sealIntact(pdf)).isTrue();
        return SealedPdf.text(pdf).replaceAll("\\s+", " ");
    }


}
