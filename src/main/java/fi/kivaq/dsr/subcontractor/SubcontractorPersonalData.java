package fi.kivaq.dsr.subcontractor;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The disclosure log (whose data went to which subcontractor, when and why) and the notifications of
 * rectifications and erasures. A notification keeps the disclosure's date and purpose, not the person: that is what
 * the requester's letter and accountability need after the log entries are gone.
 */
@Component
class SubcontractorPersonalData implements PersonalDataOwner {

    private final JdbcClient jdbc;
    private final TransfersOutsideEea transfers;

    SubcontractorPersonalData(JdbcClient jdbc, TransfersOutsideEea transfers) {
        this.jdbc = jdbc;
        this.transfers = transfers;
    }

    @Override
    public List<Table> tables() {
        return List.of(
                // a facilitator may be a sole trader: the name and address can be a person's
                Table.named("subcontractor").personal("name", "email")
                        .notPersonal("id", "kind", "language", "created_at"),
                // the purpose describes the processing ("workshop participant list"), not the person
                Table.named("disclosure").notPersonal("id", "contact_id", "subcontractor_id", "disclosed_at", "purpose"),
                Table.named("subcontractor_notification").notPersonal("id", "request_id", "subcontractor_id",
                        "disclosed_on", "disclosure_purpose", "created_at", "sent_at", "reminded_at",
                        "escalated_at", "acknowledged_at", "acknowledged_how", "occasion", "superseded_at"));
    }

    @Override
    public List<Retention> retention() {
        return List.of(
                new Retention("subcontractors' names and addresses", "while the processing agreement lasts"),
                new Retention("disclosure log", "with the contact whose data was disclosed (Art. 19 recipients)"),
                new Retention("notifications of rectifications and erasures",
                        "with the request they belong to (ids and dates only, kept for accountability)"));
    }

    /**
     * Nothing of its own expires: the disclosure log lives with the contact (it goes with the contact's erasure,
     * e.g. at a retention review), notifications hold ids and dates of their request, subcontractors are parties
     * to a processing agreement.
     */
    @Override
    public void applyRetention(RetentionDue due) {
    }

    /**
     * The disclosure log, and the configured transfers outside the EU/EEA that apply to the person: those to a
     * subcontractor that received their data, and those to a provider that holds every contact's.
     */
    @Override
    public void describe(Person person, AccessCopy copy) {
        List<AccessExtract.Disclosure> disclosures = person.contactId() == null ? List.of() : jdbc.sql("""
                        select s.name, d.disclosed_at, d.purpose from disclosure d
                        join subcontractor s on s.id = d.subcontractor_id
                        where d.contact_id = :id order by d.disclosed_at, d.id""")
                .param("id", person.contactId())
                .query((rs, i) -> new AccessExtract.Disclosure(rs.getString("name"),
                        helsinkiDate(rs.getObject("disclosed_at", OffsetDateTime.class)), rs.getString("purpose")))
                .list();
        copy.disclosures(disclosures);
        copy.transfers(transfers.outsideEea().stream()
                .filter(t -> (t.allContacts() && person.contactId() != null) || disclosures.stream()
                        .anyMatch(d -> d.subcontractor() != null && d.subcontractor().equalsIgnoreCase(t.recipient())))
                .map(t -> new AccessExtract.Transfer(t.recipient(), t.country(), t.safeguard()))
                .toList());
    }

    /** The log entries go; the erasure's notifications already copied what the recipients must be told. */
    @Override
    public Optional<LocalDate> erase(PersonErasure erasure) {
        erasure.person().contact().ifPresent(contactId ->
                jdbc.sql("delete from disclosure where contact_id = :c").param("c", contactId).update());
        return Optional.empty();
    }

    private static LocalDate helsinkiDate(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(DeadlineCalculator.HELSINKI).toLocalDate();
    }
}
