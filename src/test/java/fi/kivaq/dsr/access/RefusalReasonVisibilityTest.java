package fi.kivaq.dsr.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.NewRequest;
import fi.kivaq.dsr.request.RequestIntake;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.support.Http;
import fi.kivaq.dsr.support.IntegrationTest;
import fi.kivaq.dsr.support.StaffUsers;

/** A manager's refusal reason is for managers: a plain staff member's view of the request page leaves it out. */
class RefusalReasonVisibilityTest extends IntegrationTest {

    @Autowired
    RequestIntake intake;
    @Autowired
    RequestNotes notes;
    @Autowired
    StaffUsers users;

    @Test
    void plainStaffDoNotSeeTheManagersRefusalReason() {
        users.ensure("rr-staff", "s3cret-rr-staff", StaffGroups.STAFF);
        users.ensure("rr-manager", "s3cret-rr-manager", StaffGroups.MANAGERS);
        DsrRequest request = intake.file(new NewRequest(RequestType.ACCESS, uniqueAddress("refusal"), null,
                Language.FI, null, RequestChannel.WEB_FORM, Instant.now()));
        notes.add(request.id(), RequestNotes.Kind.REFUSAL_REASON, "rr-manager", "Manifestly excessive: 40th request");
        notes.add(request.id(), RequestNotes.Kind.NOTE, "rr-staff", "Called the requester");

        Http staff = http();
        StaffUsers.login(staff, "rr-staff", "s3cret-rr-staff");
        String staffPage = staff.get("/staff/requests/" + request.reference()).body();
        assertThat(staffPage).contains("Called the requester").doesNotContain("Manifestly excessive");

        Http manager = http();
        StaffUsers.login(manager, "rr-manager", "s3cret-rr-manager");
        assertThat(manager.get("/staff/requests/" + request.reference()).body()).contains("Manifestly excessive");
    }
}
