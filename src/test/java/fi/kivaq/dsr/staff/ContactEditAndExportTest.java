package fi.kivaq.dsr.staff;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.register.ContactField;
import fi.kivaq.dsr.register.ContactRegister;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff adding and editing contacts (audited by field names; an edit of disclosed data offers the recipients'
 * notification first), and the register export as CSV parsed back (audited by count); nothing without a login.
 */
class ContactEditAndExportTest extends IntegrationTest {

    static final String STAFF = "contact-edit-staff";
    static final String PASSWORD = "s3cret-contact-edit";

    @Autowired
    StaffUsers users;
    @Autowired
    ContactRegister contacts;
    @Autowired
    TestRegister register;

    @BeforeEach
    void staffUser() {
        users.ensure(STAFF, PASSWORD, StaffGroups.STAFF);
    }

    @Test
    void staffAddAContactAndEditItAndEveryChangeIsAuditedWithoutValues() {
        String tag = tag();
        String address = "uusi." + tag + "@test.example";
        Http staff = login();

        HttpResponse<String> invalid = post(staff, "/staff/contacts/new", form("Väärä Osoite", "ei-osoite", "EVENT"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(invalid.body()).selectFirst("#problems p[data-field=email]")).isNotNull();

        HttpResponse<String> created = post(staff, "/staff/contacts/new", form("Sointu Ström " + tag, address, "EVENT"));
        assertThat(created.statusCode()).isEqualTo(302);
        long id = contacts.findContactIdByEmail(address).orElseThrow();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/staff/contacts/" + id);
        assertThat(audit(id, "CREATE_CONTACT")).containsExactly("source EVENT");

        Map<String, String> edit = form("Sointu Ström " + tag, null, "EVENT");
        edit.put("role", "Rehtori");
        assertThat(post(staff, "/staff/contacts/" + id + "/edit", edit).statusCode()).isEqualTo(302);
        assertThat(contacts.correctableValues(id).orElseThrow().get(ContactField.ROLE)).isEqualTo("Rehtori");
        assertThat(audit(id, "EDIT_CONTACT")).containsExactly("changed role");
        assertThat(audit(id, "EDIT_CONTACT").get(0)).doesNotContain("Rehtori");
    }

    @Test
    void anEditOfDataASubcontractorReceivedOffersTheirNotificationBeforeSaving() {
        String tag = tag();
        long contact = register.subscriber("Luovutettu " + tag, uniqueAddress("luovutettu"), "fi");
        register.disclosure(contact, "Työpajaveturit " + tag, "työpaja");
        Http staff = login();
        Map<String, String> edit = form("Luovutettu Uusinimi " + tag, null, "EVENT");

        HttpResponse<String> held = post(staff, "/staff/contacts/" + contact + "/edit", edit);

        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(held.body()).selectFirst("#recipients").text()).contains("Työpajaveturit " + tag);
        assertThat(contacts.correctableValues(contact).orElseThrow().get(ContactField.NAME))
                .isEqualTo("Luovutettu " + tag);
        assertThat(audit(contact, "EDIT_CONTACT")).isEmpty();

        edit.put("withoutNotifying", "true");
        assertThat(post(staff, "/staff/contacts/" + contact + "/edit", edit).statusCode()).isEqualTo(302);
        assertThat(contacts.correctableValues(contact).orElseThrow().get(ContactField.NAME))
                .isEqualTo("Luovutettu Uusinimi " + tag);
        assertThat(audit(contact, "EDIT_CONTACT")).containsExactly(
                "changed name; recipients not notified (staff decision)");
    }

    @Test
    void theExportOfASearchResultParsesBackWithTheImportsColumnsAndIsAudited() throws Exception {
        String tag = tag();
        String address = "vienti." + tag + "@test.example";
        long organisation = register.organisation("Vientiyhtiö " + tag + " Oy", "COMPANY");
        register.contactPerson("Åsa Öhman-Ääri " + tag, address, "sv", organisation, "Inköpare; \"chef\"");
        long subscriber = register.subscriber("Tilaaja " + tag, "tilaaja." + tag + "@test.example", "fi");
        Http staff = login();

        HttpResponse<byte[]> response = staff.getBytes("/staff/contacts/export?q=" + tag);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .get().parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(records).hasSize(2);
        CSVRecord åsa = records.stream().filter(r -> r.get("email").equals(address)).findFirst().orElseThrow();
        assertThat(åsa.get("name")).isEqualTo("Åsa Öhman-Ääri " + tag);
        assertThat(åsa.get("organisation")).isEqualTo("Vientiyhtiö " + tag + " Oy");
        assertThat(åsa.get("role")).isEqualTo("Inköpare; \"chef\"");
        assertThat(åsa.get("language")).isEqualTo("sv");
        assertThat(åsa.get("newsletter")).isEqualTo("no");
        CSVRecord tilaaja = records.stream().filter(r -> r.get("name").equals("Tilaaja " + tag)).findFirst().orElseThrow();
        assertThat(tilaaja.get("newsletter")).isEqualTo("yes");
        assertThat(tilaaja.get("consent_channel")).isEqualTo("EVENT");
        assertThat(tilaaja.get("consent_date")).isNotBlank();
        assertThat(contacts.isSubscribed(subscriber)).isTrue();
        assertThat(jdbc.sql("select detail from audit_log where action = 'EXPORT_REGISTER' order by id desc "
                + "fetch first 1 rows only").query(String.class).single()).isEqualTo("2 contacts (a search result)");
    }

    @Test
    void withoutALoginNothingOfItIsReachable() {
        Http anonymous = http();
        for (String path : List.of("/staff/contacts/new", "/staff/contacts/1/edit", "/staff/contacts/export",
                "/staff/contacts/import")) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
    }

    private Http login() {
        Http http = http();
        StaffUsers.login(http, STAFF, PASSWORD);
        return http;
    }

    private static HttpResponse<String> post(Http staff, String path, Map<String, String> form) {
        String page = staff.get(path.endsWith("/new") ? path : path).body();
        Map<String, String> withCsrf = new HashMap<>(form);
        withCsrf.put("_csrf", StaffUsers.csrf(page));
        return staff.postForm(path, withCsrf);
    }

    private static Map<String, String> form(String name, String email, String source) {
        Map<String, String> form = new HashMap<>();
        form.put("name", name);
        if (email != null) {
            form.put("email", email);
        }
        form.put("role", "");
        form.put("organisation", "");
        form.put("language", "fi");
        form.put("source", source);
        return form;
    }

    private List<String> audit(long contact, String action) {
        return jdbc.sql("select detail from audit_log where contact_id = :c and action = :a order by id")
                .param("c", contact).param("a", action).query(String.class).list();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
