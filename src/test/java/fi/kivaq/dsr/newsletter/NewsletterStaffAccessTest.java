package fi.kivaq.dsr.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** The newsletter's staff pages are for the dsr-newsletter group only, and the group opens nothing else. */
class NewsletterStaffAccessTest extends IntegrationTest {

    @Autowired
    StaffUsers staffUsers;

    @Test
    void onlyTheNewsletterGroupWritesIssues() {
        assertThat(http().get("/staff/newsletter").statusCode()).as("anonymous: to the login").isEqualTo(302);

        staffUsers.ensure("access-staff", "staff-pass", StaffGroups.STAFF);
        Http staff = http();
        StaffUsers.login(staff, "access-staff", "staff-pass");
        assertThat(staff.get("/staff/newsletter").statusCode()).isEqualTo(403);

        staffUsers.ensure("access-editor", "editor-pass", StaffGroups.NEWSLETTER);
        Http editor = http();
        StaffUsers.login(editor, "access-editor", "editor-pass");
        assertThat(editor.get("/staff/newsletter").statusCode()).isEqualTo(200);
        assertThat(editor.get("/staff/contacts").statusCode()).as("no register view").isEqualTo(403);
        assertThat(editor.get("/staff/newsletter/999999999").statusCode()).isEqualTo(404);
        assertThat(editor.get("/staff/newsletter/999999999/preview/de").statusCode()).isEqualTo(404);
    }
}
