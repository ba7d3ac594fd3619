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
 * @param invoiceLinks     invoices issued to the person (kept under the Accounting Act, also after an erasure)
 * @param staffNotes       what staff wrote about the person on their requests
 * @param staffViews       when, and why, staff viewed the person's data (CJEU C-579/21: not who)
 * @param transfers        recipients of the person's data outside the EU/EEA, with the safeguard (Art. 15(1)(c),
 *                         15(2)); empty when the data does not leave the EU/EEA
 */
public record AccessExtract(
        Contact contact,
        Organisation organisation,
        Source source,
        List<ConsentEvent> consentHistory,
        List<Disclosure> disclosures,
        List<PreviousRequest> previousRequests,
        List<InvoiceLink> invoiceLinks,
        List<StaffNote> staffNotes,
        List<StaffView> staffViews,
        List<Transfer> transfers) {

    public AccessExtract {
        consentHistory = consentHistory == null ? List.of() : List.copyOf(consentHistory);
        disclosures = disclosures == null ? List.of() : List.copyOf(disclosures);
        previousRequests = previousRequests == null ? List.of() : List.copyOf(previousRequests);
        invoiceLinks = invoiceLinks == null ? List.of() : List.copyOf(invoiceLinks);
        staffNotes = staffNotes == null ? List.of() : List.copyOf(staffNotes);
        staffViews = staffViews == null ? List.of() : List.copyOf(staffViews);
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }

    /** The extract of the register's own data only (what the first version of the copy held). */
    public AccessExtract(Contact contact, Organisation organisation, Source source, List<ConsentEvent> consentHistory,
                         List<Disclosure> disclosures, List<PreviousRequest> previousRequests) {
        this(contact, organisation, source, consentHistory, disclosures, previousRequests, List.of(), List.of(),
                List.of(), List.of());
    }

    /**
     * Whether anything at all is held about the person. The transfers are not data but a statement about the rest,
     * and the view log counts no more on its own: staff opening the very request being answered (e.g. to check a
     * scanned letter) must not turn "we hold no data" into an extract of nothing but that view.
     */
    public boolean holdsAnything() {
        return contact != null || organisation != null || !consentHistory.isEmpty() || !disclosures.isEmpty()
                || !previousRequests.isEmpty() || !invoiceLinks.isEmpty() || !staffNotes.isEmpty();
    }

    /**
     * Contact fields; any of them may be {@code null} except the email address.
     *
     * @param lastActivityOn the last order, event, consent, request or staff edit that kept the contact active
     * @param restricted     whether a restriction request restricts the contact's processing (GDPR Art. 18)
     * @param stoppedUses    the uses of the data an upheld objection stopped (GDPR Art. 21(1)), as codes, e.g.
     *                       {@code CUSTOMER_RELATIONSHIP}, {@code REGISTER_EXPORT}; empty when none
     */
    public record Contact(String name, String email, String phone, String jobTitle, String language, String notes,
                          LocalDate lastActivityOn, boolean restricted, List<String> stoppedUses) {

        public Contact {
            stoppedUses = stoppedUses == null ? List.of() : List.copyOf(stoppedUses);
        }

        public Contact(String name, String email, String phone, String jobTitle, String language, String notes,
                       LocalDate lastActivityOn, boolean restricted) {
            this(name, email, phone, jobTitle, language, notes, lastActivityOn, restricted, List.of());
        }

        public Contact(String name, String email, String phone, String jobTitle, String language, String notes) {
            this(name, email, phone, jobTitle, language, notes, null);
        }

        public Contact(String name, String email, String phone, String jobTitle, String language, String notes,
                       LocalDate lastActivityOn) {
            this(name, email, phone, jobTitle, language, notes, lastActivityOn, false);
        }
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
     * A consent given or withdrawn; a consent given says what the person consented to (Art. 7(1)) where that was
     * recorded (consents recorded before the consent texts were versioned, or imported from a CRM, have no version).
     *
     * @param purpose      what the consent is for, e.g. {@code NEWSLETTER}
     * @param channel      how it was given or withdrawn, e.g. {@code WEB_FORM}, {@code UNSUBSCRIBE_LINK}
     * @param textVersion  the version of the consent text the person agreed to, or {@code null}
     * @param textLanguage the language that text was shown in ({@code fi}, {@code sv}, {@code en}), or {@code null}
     * @param source       where it was given, e.g. {@code SIGN_UP_PAGE}, {@code SIGN_UP_API}, or {@code null}
     * @param text         the consent text itself, word for word, or {@code null} when no version was recorded
     */
    public record ConsentEvent(String purpose, ConsentAction action, Instant at, String channel, String textVersion,
                               String textLanguage, String source, String text) {

        public ConsentEvent(String purpose, ConsentAction action, Instant at, String channel) {
            this(purpose, action, at, channel, null, null, null, null);
        }
    }

    public record Disclosure(String subcontractor, LocalDate disclosedOn, String purpose) {
    }

    /**
     * @param type   {@code ACCESS}, {@code RECTIFICATION}, {@code ERASURE}, {@code UNSUBSCRIBE} or free text
     * @param status e.g. {@code ANSWERED}, {@code REFUSED}, {@code OPEN}
     */
    public record PreviousRequest(String reference, String type, LocalDate receivedOn, String status) {
    }

    /**
     * An invoice issued to the person; the Accounting Act keeps it until {@code keptUntil}.
     *
     * @param customerName the name on the invoice
     */
    public record InvoiceLink(String invoiceNumber, LocalDate invoiceDate, String customerName, LocalDate keptUntil) {
    }

    /**
     * @param writtenOn the day the note was written
     * @param reference the request the note was written on
     * @param kind      {@code NOTE} or {@code REFUSAL_REASON}
     */
    public record StaffNote(LocalDate writtenOn, String reference, String kind, String text) {
    }

    /**
     * A consultation of the person's data by staff.
     *
     * @param viewedOn the day
     * @param what     what was viewed, e.g. {@code VIEW_CONTACT}, {@code VIEW_REQUEST}, {@code VIEW_EXTRACT}
     * @param purpose  why, e.g. {@code REQUEST_HANDLING}, {@code REGISTER_MAINTENANCE}
     */
    public record StaffView(LocalDate viewedOn, String what, String purpose) {
    }

    /**
     * @param recipient the recipient outside the EU/EEA
     * @param country   where the data goes
     * @param safeguard the ground of the transfer (Art. 45 adequacy decision, Art. 46 standard contractual clauses…)
     */
    public record Transfer(String recipient, String country, String safeguard) {
    }
}
