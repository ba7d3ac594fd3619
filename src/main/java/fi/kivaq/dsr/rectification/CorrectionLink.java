package fi.kivaq.dsr.rectification;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.staff.ContactPageLink;

/** The contact page's link to {@link StaffCorrectionController}'s form. */
@Component
class CorrectionLink implements ContactPageLink {

    @Override
    public String label() {
        return "staff.contacts.correction";
    }

    @Override
    public String path(long contactId) {
        return StaffCorrectionController.path(contactId);
    }
}
