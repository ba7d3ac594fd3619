package fi.kivaq.dsr.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.kivaq.dsr.register.ConsentChannel;
import fi.kivaq.dsr.register.ConsentProof;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.register.ObjectedUse;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.Mails;
import fi.kivaq.dsr.support.SealedPdf;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

/**
 * The access copy is complete (GDPR Art. 15(1), 15(3)): invoice links, last activity, staff notes, the dates and
 * purposes of staff's views of the data (not the viewers, CJEU C-579/21), consents and the transfers outside the
 * EU/EEA, each in the letter and in its data.json; "we hold no data" only when nothing at all is held.
 */
class AccessCopyTest extends IntegrationTest {

    static final String STAFF = "access-copy-staff";
    static final String PASSWORD = "s3cret-access-copy";

    @Autowired
    TestRegister register;
    @Autowired
    StaffUsers users;
    @Autowired
    RequestRepository requests;
    @Autowired
    ContactRegister contactRegister;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void staff() {
        users.ensure(STAFF, PASSWORD, StaffGroups.STAFF);
    }

    @Test
    void theCopyHoldsInvoicesLastActivityNotesViewsConsentsAndTransfers() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 6);
        String email = uniqueAddress("kaikki");
        long contact = register.subscriber("Kaisu Kokonainen", email, "en");
        register.invoice(contact, "INV-" + unique, LocalDate.of(2025, 3, 14), LocalDate.of(2031, 12, 31));
        register.disclose(contact, register.subcontractor("Overseas Facilitation Inc.", "us@test.example", "en"),
                "Workshop " + unique);
        // an earlier request of hers, on whose page a staff member wrote a note; and a look at her contact
        String earlier = requests.recordAnswered(new NewRequest(RequestType.ACCESS, email, "Kaisu Kokonainen",
                Language.EN, null, RequestChannel.WEB_FORM, Instant.now().minusSeconds(86_400 * 40)),
                LocalDate.now().minusDays(10), Instant.now().minusSeconds(86_400 * 20)).reference();
        Http staff = http();
        StaffUsers.login(staff, STAFF, PASSWORD);
        String page = staff.get("/staff/requests/" + earlier).body();
        staff.postForm("/staff/requests/" + earlier + "/notes",
                Map.of("text", "Asked by phone about invoice " + unique, "_csrf", StaffUsers.csrf(page)));
        assertThat(staff.get("/staff/contacts/" + contact).statusCode()).isEqualTo(200);

        byte[] letter = answeredLetter(email, true);
        String text = SealedPdf.text(letter).replaceAll("\\s+", " ");
        // the request gave no name, the register knows it: the letter greets her by it
        assertThat(text).contains("Dear Kaisu Kokonainen,").doesNotContain("Hello,");
        assertThat(text).contains("INV-" + unique).contains("Invoicing data").contains("Kept until")
                .contains("Last activity")
                .contains("Staff notes about you").contains("Asked by phone about invoice " + unique)
                .contains("Views of your data by our staff").contains("Your request")
                .contains("Handling your data subject request").contains("Your contact details in the customer register")
                .contains("Customer relationship")
                .contains("Newsletter").contains("Given")
                .contains("Transfers outside the EU/EEA").contains("Overseas Facilitation Inc.").contains("United States")
                .contains("Standard contractual clauses")
                .contains("invoicing data").contains("accounting").contains("handling of data subject requests")
                // the viewers stay out (C-579/21)
                .doesNotContain(STAFF);

        JsonNode data = dataJson(letter).get("data");
        assertThat(data.at("/invoiceLinks/0/invoiceNumber").asText()).isEqualTo("INV-" + unique);
        assertThat(data.at("/invoiceLinks/0/customerName").asText()).isEqualTo("Kaisu Kokonainen");
        assertThat(data.at("/invoiceLinks/0/keptUntil").asText()).isEqualTo("2031-12-31");
        // a Helsinki date (after 22:00 UTC it is already tomorrow there)
        assertThat(data.at("/contact/lastActivityOn").asText())
                .isEqualTo(LocalDate.now(DeadlineCalculator.HELSINKI).toString());
        assertThat(data.get("staffNotes")).hasSize(1);
        assertThat(data.at("/staffNotes/0/text").asText()).isEqualTo("Asked by phone about invoice " + unique);
        assertThat(data.at("/staffNotes/0/reference").asText()).isEqualTo(earlier);
        assertThat(data.get("staffViews").findValuesAsText("what")).contains("VIEW_REQUEST", "VIEW_CONTACT");
        assertThat(data.get("staffViews").findValuesAsText("purpose"))
                .contains("REQUEST_HANDLING", "CUSTOMER_RELATIONSHIP");
        assertThat(data.get("staffViews").toString()).doesNotContain(STAFF);
        assertThat(data.at("/consentHistory/0/action").asText()).isEqualTo("GIVEN");
        assertThat(data.at("/transfers/0/recipient").asText()).isEqualTo("Overseas Facilitation Inc.");
        assertThat(data.at("/transfers/0/country").asText()).isEqualTo("United States");
    }

    @Test
    void aPersonWhoseDataWentNowhereIsToldItStaysInTheEuEea() throws Exception {
        String email = uniqueAddress("kotimaa");
        register.subscriber("Kerttu Kotimaa", email, "en");
        byte[] letter = answeredLetter(email, true);
        assertThat(SealedPdf.text(letter).replaceAll("\\s+", " "))
                .contains("Your data is not transferred outside the European Union and the European Economic Area");
        assertThat(dataJson(letter).at("/data/transfers")).isEmpty();
    }

    @Test
    void aPersonWithOnlyInvoiceLinksLeftAfterAnErasureIsNotToldWeHoldNoData() throws Exception {
        String email = uniqueAddress("laskuvain");
        long contact = register.subscriber("Lasse Laskutettu", email, "en");
        register.invoice(contact, "INV-KEPT-" + contact, LocalDate.now().minusMonths(3),
                LocalDate.now().plusYears(5).withMonth(12).withDayOfMonth(31));
        String erasure = file(email, "DELETION");
        http().post(Mails.verificationPath(awaitMailWithSubject(email, "confirm")), "text/plain", new byte[0]);
        JsonNode task = awaitTask(erasure);
        HttpResponse<String> kept = http().postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                "{\"variables\":{\"keepInvoicingRecords\":{\"value\":true,\"type\":\"Boolean\"}}}",
                Http.basicAuth(STAFF, PASSWORD));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(204);
        awaitMailWithSubject(email, "Answer to your erasure request");
        // the erasure's own request no longer carries the address: only the invoice links are left
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                        "select personal_data_reduced_at from dsr_request where reference = :r")
                .param("r", erasure).query((rs, i) -> rs.getObject(1) != null).single());
        assertThat(jdbc.sql("select count(*) from contact where id = :c").param("c", contact).query(Long.class).single())
                .isZero();

        byte[] letter = answeredLetter(email, true);
        String text = SealedPdf.text(letter).replaceAll("\\s+", " ");
        assertThat(text).contains("INV-KEPT-" + contact).contains("Lasse Laskutettu")
                .doesNotContain("We hold no personal data");
        JsonNode data = dataJson(letter).get("data");
        assertThat(data.get("contact").isNull()).isTrue();
        assertThat(data.at("/invoiceLinks/0/invoiceNumber").asText()).isEqualTo("INV-KEPT-" + contact);
    }

    /** Art. 18: a contact whose processing a restriction request restricts is told so, in the letter and data.json. */
    @Test
    void aRestrictedContactIsToldItsProcessingIsRestricted() throws Exception {
        String email = uniqueAddress("rajoitettu");
        long contact = register.subscriber("Raili Rajoitettu", email, "en");
        long restriction = requests.recordAnswered(new NewRequest(RequestType.RESTRICTION, email, "Raili Rajoitettu",
                Language.EN, null, RequestChannel.WEB_FORM, Instant.now().minusSeconds(86_400 * 5)),
                LocalDate.now().plusDays(20), Instant.now().minusSeconds(86_400)).id();
        // as the restriction process does (ContactRegister.restrict, inside its transaction)
        assertThat(jdbc.sql("update contact set restricted_by_request_id = :r where id = :c")
                .param("r", restriction).param("c", contact).update()).isEqualTo(1);

        byte[] letter = answeredLetter(email, true);
        assertThat(SealedPdf.text(letter).replaceAll("\\s+", " ")).contains("Processing restricted")
                .contains("Yes: at your request (GDPR Article 18) we only store your data");
        assertThat(dataJson(letter).at("/data/contact/restricted").asBoolean()).isTrue();

        String other = uniqueAddress("rajoittamaton");
        register.subscriber("Risto Rajoittamaton", other, "en");
        byte[] unrestricted = answeredLetter(other, true);
        assertThat(SealedPdf.text(unrestricted)).doesNotContain("Processing restricted");
        assertThat(dataJson(unrestricted).at("/data/contact/restricted").asBoolean(true)).isFalse();
    }

    /** Art. 21(1): the uses an upheld objection stopped are part of what is held about the person, and said so. */
    @Test
    void theUsesAnUpheldObjectionStoppedAreInTheCopy() throws Exception {
        String email = uniqueAddress("vastusti");
        long contact = register.subscriber("Ville Vastustaja", email, "en");
        long objection = requests.recordAnswered(new NewRequest(RequestType.OBJECTION, email, "Ville Vastustaja",
                Language.EN, "No exports", RequestChannel.WEB_FORM, Instant.now().minusSeconds(86_400 * 5)),
                LocalDate.now().plusDays(20), Instant.now().minusSeconds(86_400)).id();
        // as the objection process does once the objection is upheld (Objections.stopUpheldUses)
        transactions.executeWithoutResult(status -> contactRegister.stopUse(contact,
                java.util.Set.of(ObjectedUse.REGISTER_EXPORT), objection));

        byte[] letter = answeredLetter(email, true);
        assertThat(SealedPdf.text(letter).replaceAll("\\s+", " ")).contains("Stopped by your objection")
                .contains("Exports of the register: your data is not exported");
        assertThat(dataJson(letter).at("/data/contact/stoppedUses/0").asText()).isEqualTo("REGISTER_EXPORT");
    }

    /** Art. 7(1), 15(3): each consent shows the text version it was given to, the text itself, source and language. */
    @Test
    void eachConsentShowsTheTextVersionItWasGivenToWithTheTextItself() throws Exception {
        String email = uniqueAddress("suostumus");
        long contact = register.contactPerson("Sointu Suostunut", email, "en",
                register.organisation("Suostumus Oy " + UUID.randomUUID(), "COMPANY"), "Planner");
        // as the newsletter's confirmed sign-up records it (NewsletterSubscriptions.confirm)
        contactRegister.giveNewsletterConsent(contact, ConsentChannel.SIGN_UP_FORM,
                new ConsentProof("2026-11-26", "sv", "SIGN_UP_PAGE"));

        byte[] letter = answeredLetter(email, true);
        String text = SealedPdf.text(letter).replaceAll("\\s+", " ");
        assertThat(text).contains("Text version").contains("2026-11-26")
                .contains("you consented to version 2026-11-26 of the consent text (Swedish), source: our newsletter "
                        + "sign-up page")
                .contains("The text you consented to: “Jag vill få KivaQ OyAb:s nyhetsbrev per e-post");
        JsonNode consent = dataJson(letter).at("/data/consentHistory/0");
        assertThat(consent.get("purpose").asText()).isEqualTo("NEWSLETTER");
        assertThat(consent.get("action").asText()).isEqualTo("GIVEN");
        assertThat(consent.get("channel").asText()).isEqualTo("WEB_FORM");
        assertThat(consent.get("textVersion").asText()).isEqualTo("2026-11-26");
        assertThat(consent.get("textLanguage").asText()).isEqualTo("sv");
        assertThat(consent.get("source").asText()).isEqualTo("SIGN_UP_PAGE");
        assertThat(consent.get("text").asText()).startsWith("Jag vill få KivaQ OyAb:s nyhetsbrev per e-post");
        assertThat(consent.get("at").asText()).isNotBlank();
    }

    @Test
    void anUnknownAddressIsToldWeHoldNoData() throws Exception {
        String email = uniqueAddress("tuntematon");
        byte[] letter = answeredLetter(email, false);
        assertThat(SealedPdf.text(letter).replaceAll("\\s+", " ")).contains("We hold no personal data about the email address");
    }

    /** Files an English access request, confirms it, approves the review where there is one; the answer letter. */
    private byte[] answeredLetter(String email, boolean expectReview) throws Exception {
        String reference = file(email, "ACCESS");
        MimeMessage verification = Awaitility.await().atMost(PATIENCE).until(
                () -> fi.kivaq.dsr.support.TestMailServer.receivedBy(email).stream()
                        .filter(m -> subject(m).contains("confirm") && subject(m).contains(reference)).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(http().post(Mails.verificationPath(verification), "application/x-www-form-urlencoded", new byte[0])
                .statusCode()).isEqualTo(200);
        if (expectReview) {
            JsonNode task = awaitTask(reference);
            assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("UserTask_ReviewExtract");
            HttpResponse<String> done = http().postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
                    "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}",
                    Http.basicAuth(STAFF, PASSWORD));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        }
        MimeMessage answer = awaitMailWithSubject(email, "Answer to your access request (" + reference);
        return Mails.attachments(answer).get(0).content();
    }

    private String file(String email, String type) throws IOException {
        HttpResponse<String> filed = http().postJson("/api/requests", """
                {"type":"%s","email":"%s","language":"en"}""".formatted(type, email));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        return json.readTree(filed.body()).get("reference").asText();
    }

    private JsonNode awaitTask(String reference) {
        return Awaitility.await().atMost(PATIENCE).until(() -> json.readTree(http().get(
                "/engine-rest/task?processInstanceBusinessKey=" + URLEncoder.encode(reference, StandardCharsets.UTF_8),
                Http.basicAuth(STAFF, PASSWORD)).body()), tasks -> tasks.size() == 1).get(0);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode dataJson(byte[] letter) throws IOException {
        try (PDDocument document = Loader.loadPDF(letter)) {
            byte[] file = document.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("data.json")
                    .getEmbeddedFile().toByteArray();
            return json.readTree(new String(file, StandardCharsets.UTF_8));
        }
    }
}
