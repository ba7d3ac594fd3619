package fi.kivaq.dsr.register;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.support.DatabaseScan;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;
import fi.kivaq.dsr.support.TestRegister;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff register view: a search by part of a name, an address or an organisation, one contact with everything
 * held about it, both audited without the search term, and nothing of it without a staff login.
 */
class ContactDirectoryTest extends IntegrationTest {

    static final String STAFF = "register-view-staff";
    static final String PASSWORD = "s3cret-register-view";

    @Autowired
    TestRegister register;
    @Autowired
    ContactRegister contacts;
    @Autowired
    StaffUsers users;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void staffUser() {
        users.ensure(STAFF, PASSWORD, StaffGroups.STAFF);
    }

    @Test
    void searchFindsPartOfANameAnAddressOrAnOrganisationInAnyLetterCase() {
        String byName = token();
        String byEmail = token();
        String byOrganisation = token();
        long named = register.subscriber("Saara " + byName + "nen", uniqueAddress("saara"), "sv");
        long addressed = register.subscriber("Eero Osoite", "eero." + byEmail + "@test.example", "en");
        long organisation = register.organisation("Hakulan " + byOrganisation + " Oy", "COMPANY");
        long employed = register.contactPerson("Olli Organisaatio", uniqueAddress("olli"), "fi", organisation, "Johtaja");

        Http staff = staff();
        Document nameHits = search(staff, byName.toUpperCase(Locale.ROOT));
        assertThat(ids(nameHits)).containsExactly(named);
        Element row = nameHits.selectFirst("tr[data-contact-id=" + named + "]");
        assertThat(row.text()).contains("Saara " + byName + "nen").contains("sv");
        assertThat(row.selectFirst("td.newsletter").attr("data-subscribed")).isEqualTo("true");

        assertThat(ids(search(staff, "EERO." + byEmail.toUpperCase(Locale.ROOT)))).containsExactly(addressed);
        // mixed case in the term against lower case in the register
        String mixed = byOrganisation.substring(0, 3).toUpperCase(Locale.ROOT) + byOrganisation.substring(3);
        Document orgHits = search(staff, "hakulan " + mixed);
        assertThat(ids(orgHits)).containsExactly(employed);
        Element employee = orgHits.selectFirst("tr[data-contact-id=" + employed + "]");
        assertThat(employee.text()).contains("Hakulan " + byOrganisation + " Oy");
        assertThat(employee.selectFirst("td.newsletter").attr("data-subscribed")).isEqualTo("false");
    }

    @Test
    void theMostRecentlyActiveComeFirst() {
        String common = token();
        long older = register.subscriber("Vanha " + common, uniqueAddress("vanha"), "fi");
        long newer = register.subscriber("Uusi " + common, uniqueAddress("uusi"), "fi");
        jdbc.sql("update contact set last_activity_at = :at where id = :id")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3)).param("id", newer).update();
        jdbc.sql("update contact set last_activity_at = :at where id = :id")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)).param("id", older).update();

        assertThat(ids(search(staff(), common))).containsExactly(older, newer);
    }

    @Test
    void percentAndUnderscoreInTheTermAreLiteral() {
        String unique = token();
        long percent = register.subscriber("Kampanja 100% " + unique, uniqueAddress("sata"), "fi");
        // would match "100% <unique>" if % were a wildcard
        register.subscriber("Kampanja 100 prosenttia " + unique, uniqueAddress("prosentti"), "fi");
        long underscore = register.subscriber("Tiimi_" + unique, uniqueAddress("tiimi"), "fi");
        // would match "i_<unique>" if _ were a wildcard
        register.subscriber("TiimiX" + unique, uniqueAddress("tiimix"), "fi");
        long backslash = register.subscriber("Polku C:\\" + unique, uniqueAddress("polku"), "fi");

        Http staff = staff();
        assertThat(ids(search(staff, "100% " + unique))).containsExactly(percent);
        assertThat(ids(search(staff, "i_" + unique))).containsExactly(underscore);
        assertThat(ids(search(staff, ":\\" + unique))).containsExactly(backslash);
        assertThat(ids(search(staff, "%" + unique + "%"))).isEmpty();
    }

    @Test
    void anEmptyTermShowsOnlyTheSearchBoxAndAShortOneAMessageWithoutSearching() {
        register.subscriber("Lyhyt Haku", uniqueAddress("lyhyt"), "fi");
        Http staff = staff();
        long searchesBefore = auditRows("SEARCH_REGISTER");

        Document empty = Jsoup.parse(staff.get("/staff/contacts").body());
        assertThat(empty.selectFirst("input#q")).isNotNull();
        assertThat(empty.selectFirst("#results")).isNull();
        assertThat(empty.selectFirst("#problem")).isNull();
        assertThat(Jsoup.parse(staff.get("/staff/contacts?q=+++").body()).selectFirst("#results")).isNull();

        HttpResponse<String> shortTerm = staff.get("/staff/contacts?q=+a+");
        assertThat(shortTerm.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(shortTerm.body());
        assertThat(page.selectFirst("#problem").text()).contains("vähintään 2 merkkiä");
        assertThat(page.selectFirst("#results")).isNull();
        assertThat(page.selectFirst("#no-results")).isNull();
        assertThat(auditRows("SEARCH_REGISTER")).isEqualTo(searchesBefore);
    }

    @Test
    void theContactPageShowsConsentsDisclosuresInvoicesAndTheRequestsOfTheAddress() {
        String unique = token();
        String email = uniqueAddress("kaisa");
        long organisation = register.organisation("Kuntayhtymä " + unique, "MUNICIPALITY");
        long contact = register.contactPerson("Kaisa " + unique, email, "en", organisation, "Rehtori");
        contacts.giveNewsletterConsent(contact, ConsentChannel.EVENT);
        contacts.withdrawNewsletterConsent(contact, ConsentChannel.ONE_CLICK);
        register.disclosure(contact, "Fasilitaattorit " + unique + " Oy", "Työpaja " + unique);
        register.invoice(contact, "INV-" + unique, LocalDate.of(2025, 3, 14), LocalDate.of(2032, 1, 1));
        String linked = request(contact, "someone.else." + unique + "@test.example", "ACCESS");
        String byAddressOnly = request(null, email.toUpperCase(Locale.ROOT), "UNSUBSCRIBE");
        String otherPersons = request(null, uniqueAddress("muu"), "DELETION");

        HttpResponse<String> response = staff().get("/staff/contacts/" + contact);
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("#contact").text()).contains("Kaisa " + unique).contains(email)
                .contains("Rehtori").contains("Kuntayhtymä " + unique).contains("en").contains("kyselyn tilauslomake");

        List<Element> consents = page.select("#consents tbody tr");
        assertThat(consents).hasSize(2);
        assertThat(consents.get(0).text()).contains("peruutettu").contains("Uutiskirjeen lopetuslinkki").contains("voimassa");
        assertThat(consents.get(0).hasClass("current")).isTrue();
        assertThat(consents.get(1).text()).contains("annettu").contains("Tapahtuma").doesNotContain("voimassa");
        assertThat(consents.get(1).hasClass("current")).isFalse();
        assertThat(page.selectFirst("#newsletter-state").attr("data-subscribed")).isEqualTo("false");

        assertThat(page.selectFirst("#disclosures").text()).contains("Fasilitaattorit " + unique + " Oy")
                .contains("Fasilitaattori").doesNotContain("FACILITATOR").contains("Työpaja " + unique);
        assertThat(page.selectFirst("#invoices").text()).contains("INV-" + unique).contains("14.3.2025")
                .contains("1.1.2032");

        Element requests = page.selectFirst("#requests");
        assertThat(requests.select("a").eachAttr("href"))
                .containsExactlyInAnyOrder("/staff/requests/" + linked, "/staff/requests/" + byAddressOnly);
        assertThat(requests.text()).doesNotContain(otherPersons);
    }

    @Test
    void anUnknownContactIsNotFound() {
        HttpResponse<String> response = staff().get("/staff/contacts/987654321098");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at fi.kivaq");
    }

    @Test
    void withoutALoginEverythingRedirectsToTheLoginAndShowsNoData() {
        String name = "Salainen " + token();
        String email = uniqueAddress("salainen");
        long contact = register.subscriber(name, email, "fi");

        Http anonymous = http();
        for (String path : List.of("/staff/contacts", "/staff/contacts?q=" + encode(name), "/staff/contacts/" + contact)) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
            assertThat(response.body()).as(path).doesNotContain(name).doesNotContain(email);
        }
    }

    @Test
    void searchesAndViewsAreAuditedWithoutTheSearchTermAndTheTrailOutlivesTheContact() {
        String unique = token();
        String term = "Auditoit" + unique;
        long contact = register.subscriber(term + " Henkilö", uniqueAddress("audit"), "fi");
        Http staff = staff();

        assertThat(ids(search(staff, term.toLowerCase(Locale.ROOT)))).containsExactly(contact);
        Document page = Jsoup.parse(staff.get("/staff/contacts/" + contact).body());

        assertThat(jdbc.sql("""
                        select actor, action, detail, contact_id from audit_log
                        where actor = :actor and action = 'SEARCH_REGISTER' order by id desc fetch first 1 rows only""")
                .param("actor", STAFF)
                .query((rs, i) -> rs.getString("action") + "|" + rs.getString("detail") + "|" + rs.getObject("contact_id"))
                .single()).isEqualTo("SEARCH_REGISTER|1 results|null");
        assertThat(jdbc.sql("select actor, action from audit_log where contact_id = :id order by id")
                .param("id", contact).query((rs, i) -> rs.getString("actor") + ":" + rs.getString("action")).list())
                .containsExactly(STAFF + ":VIEW_CONTACT");
        // the page shows who viewed it, this view included
        assertThat(page.select("#audit td.actor").eachText()).containsExactly(STAFF);
        // the term is in no column of any audit row
        assertThat(DatabaseScan.occurrences(dataSource, unique, table -> table.equals("audit_log"))).isEmpty();

        // no foreign key: erasing the contact leaves its audit trail, with only the number
        jdbc.sql("delete from contact where id = :id").param("id", contact).update();
        assertThat(jdbc.sql("select count(*) from audit_log where contact_id = :id").param("id", contact)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(staff.get("/staff/contacts/" + contact).statusCode()).isEqualTo(404);
    }

    private Http staff() {
        Http http = http();
        HttpResponse<String> login = StaffUsers.login(http, STAFF, PASSWORD);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return http;
    }

    private static Document search(Http staff, String term) {
        HttpResponse<String> response = staff.get("/staff/contacts?q=" + encode(term));
        assertThat(response.statusCode()).as(term).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    private static List<Long> ids(Document results) {
        return results.select("#results tr[data-contact-id]").eachAttr("data-contact-id").stream()
                .map(Long::valueOf).toList();
    }

    /** A request straight in the table, closed so that no deadline view counts it. */
    private String request(Long contactId, String email, String type) {
        String reference = "T-" + token();
        jdbc.sql("""
                        insert into dsr_request (reference, type, status, channel, language, requester_email,
                            requester_email_normalised, contact_id, received_at, verification_state)
                        values (:reference, :type, 'COMPLETED', 'STAFF', 'fi', :email, :normalised, :contact, :now,
                            'NOT_REQUIRED')""")
                .param("reference", reference).param("type", type).param("email", email)
                .param("normalised", EmailAddresses.normalise(email)).param("contact", contactId)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return reference;
    }

    private long auditRows(String action) {
        return jdbc.sql("select count(*) from audit_log where actor = :actor and action = :action")
                .param("actor", STAFF).param("action", action).query(Long.class).single();
    }

    /** Letters only, so that it is a plain word in any search and never a wildcard. */
    private static String token() {
        StringBuilder token = new StringBuilder("zq");
        ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).forEach(c -> token.append((char) c));
        return token.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
