package fi.kivaq.dsr.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What KivaQ's register holds about one person, as printed in an access letter and embedded in it as
 * {@code data.json} (GDPR Art. 15(3) copy, Art. 20 machine-readable form). Holds only the requester's own data:
 * the organisation is named, its other contacts are not.
 *
 * @param contact          the contact fields
 * @param organisation     the customer organisation the person is a contact of, or {@code null}
 * @param source           where the data came from
 * @param consentHistory   newsletter consent given and withdrawn, oldest first
 * @param disclosures      which subcontractors received the data (the disclosure log)
 * @param previousRequests earlier data-subject requests of this person
 */
public record AccessExtract(
        Contact contact,
        Organisation organisation,
        Source source,
        List<ConsentEvent> consentHistory,
        List<Disclosure> disclosures,
        List<PreviousRequest> previousRequests) {

    public AccessExtract {
        consentHistory = consentHistory == null ? List.of() : List.copyOf(consentHistory);
        disclosures = disclosures == null ? List.of() : List.copyOf(disclosures);
        previousRequests = previousRequests == null ? List.of() : List.copyOf(previousRequests);
    }

    /** Contact fields; any of them may be {@code null} except the email address. */
    public record Contact(String name, String email, String phone, String jobTitle, String language, String notes) {
    }

    /** The customer organisation (company, municipality…) and the person's role there. */
    public record Organisation(String name, String businessId, String role) {
    }

    /**
     * @param channel     {@code SURVEY_ORDER_FORM}, {@code CONTACT_FORM}, {@code EMAIL}, {@code EVENT_SIGN_UP} or free text
     * @param collectedOn when the data was first collected, or {@code null}
     */
    public record Source(String channel, LocalDate collectedOn) {
    }

    public enum ConsentAction { GIVEN, WITHDRAWN }

    /**
     * @param purpose what the consent is for, e.g. {@code NEWSLETTER}
     * @param channel how it was given or withdrawn, e.g. {@code WEB_FORM}, {@code UNSUBSCRIBE_LINK}
     */
    public record ConsentEvent(String purpose, ConsentAction action, Instant at, String channel) {
    }

    public record Disclosure(String subcontractor, LocalDate disclosedOn, String purpose) {
    }

    /**
     * @param type   {@code ACCESS}, {@code RECTIFICATION}, {@code ERASURE}, {@code UNSUBSCRIBE} or free text
     * @param status e.g. {@code ANSWERED}, {@code REFUSED}, {@code OPEN}
     */
    public record PreviousRequest(String reference, String type, LocalDate receivedOn, String status) {
    }
}
