package fi.kivaq.dsr.shared;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.Ordered;

/**
 * A module's answer for the personal data in its own tables (GDPR Art. 5(2) accountability). Every module that owns a
 * table implements it once; the access, erasure and retention flows ask every implementation and never read or write
 * another module's tables themselves. {@code PersonalDataDeclarationTest} checks the declarations against the
 * database: a column that no owner declares, or that two owners declare, fails the build.
 *
 * <p>Erasure calls the owners in {@link Ordered} order: an owner whose rows the others' rows refer to (the contact
 * register) erases last, so that the others still find their rows by the person's contact id.
 */
public interface PersonalDataOwner extends Ordered {

    /** The order of owners whose rows nobody else refers to. */
    int ERASES_FIRST = 0;
    /** The order of the owner whose rows the others refer to: the contact register. */
    int ERASES_LAST = 100;

    /**
     * The tables (or, for a table shared by column, the columns) this module owns, each column classified.
     * {@link Table#personal()}: names, addresses, free text, files, anything that names a person or may hold text
     * about them; an erasure must remove or reduce it. {@link Table#notPersonal()}: ids, codes, dates, flags, hashes
     * that cannot be reversed without a secret; they relate to a person only through a personal column of the same
     * row, and say nothing about anyone once that is gone.
     */
    List<Table> tables();

    /**
     * Adds what this module holds about the person to the access copy (Art. 15(3)); the default adds nothing, for a
     * module whose rows are about the handling of requests rather than the person (mails, letters, tokens, notes).
     */
    default void describe(Person person, AccessCopy copy) {
    }

    /**
     * The erasure itself (Art. 17), in the erasure's transaction: removes or reduces what the module holds about the
     * person, except what a law requires it to keep.
     *
     * @return the last day until which the module keeps records that a law requires it to keep, if it keeps any
     */
    default Optional<LocalDate> erase(PersonErasure erasure) {
        return Optional.empty();
    }

    /**
     * The clean-up after an erasure's answer has gone: reduces the records of the person's own requests to what
     * accountability needs (the request's reference, type, dates and outcome). Runs once every mail of those
     * requests has been sent.
     */
    default void reduceRequests(RequestsToReduce requests) {
    }

    /** How long each category of the module's data is kept, and why (docs/retention.md; the access letter). */
    List<Retention> retention();

    /**
     * Retention (Art. 5(1)(e)), in the daily retention run's transaction: deletes or reduces what the module keeps
     * past its period in {@link RetentionDue#policy()}, and counts it (numbers only). No default: every owner says
     * what it does, also one that keeps nothing time-limited of its own.
     */
    void applyRetention(RetentionDue due);

    @Override
    default int getOrder() {
        return ERASES_FIRST;
    }

    /**
     * A table and its columns, as this module owns them. A module may own only some columns of a table (the deadline
     * columns of {@code dsr_request}); every column belongs to exactly one owner.
     */
    record Table(String name, Set<String> personal, Set<String> notPersonal) {

        public Table {
            personal = Set.copyOf(personal);
            notPersonal = Set.copyOf(notPersonal);
        }

        public static Table named(String name) {
            return new Table(name, Set.of(), Set.of());
        }

        public Table personal(String... columns) {
            return new Table(name, union(personal, columns), notPersonal);
        }

        public Table notPersonal(String... columns) {
            return new Table(name, personal, union(notPersonal, columns));
        }

        private static Set<String> union(Set<String> set, String... more) {
            Set<String> all = new java.util.HashSet<>(set);
            all.addAll(List.of(more));
            return all;
        }
    }

    /**
     * The person an access request or an erasure is about.
     *
     * @param requestId the request being answered (an access request or the erasure)
     * @param contactId the person's contact in the register, if they are in it
     * @param address   the address the request proved control of, normalised ({@link EmailAddresses#normalise})
     */
    record Person(long requestId, Long contactId, String address) {

        public Optional<Long> contact() {
            return Optional.ofNullable(contactId);
        }
    }

    /**
     * @param person                   whom to erase; {@link Person#requestId()} is the erasure request
     * @param keepRecordsTheLawRequires staff's assessment: keep what a law requires (the Accounting Act's invoices)
     */
    record PersonErasure(Person person, boolean keepRecordsTheLawRequires) {
    }

    /**
     * @param erasureRequestId the erasure request
     * @param requestIds       every request of the person: the erasure, those from the address, and those of the
     *                         erased contact (e.g. from an address the person no longer uses)
     * @param address          the normalised address, for rows kept by address rather than by request
     * @param addressHash      the keyed hash that replaces the address where a row must still be matched to it
     */
    record RequestsToReduce(long erasureRequestId, List<Long> requestIds, String address, String addressHash) {

        public RequestsToReduce {
            requestIds = List.copyOf(requestIds);
        }
    }

    /**
     * @param category  the kind of data, in plain words
     * @param keptUntil the period or the criterion, with its ground
     */
    record Retention(String category, String keptUntil) {
    }

    /**
     * One retention run's duty.
     *
     * @param today            the run's day in Helsinki
     * @param policy           the periods of {@code dsr.retention.*}
     * @param closedRequestIds closed requests whose accountability period ({@link RetentionPolicy#closedRequests()})
     *                         ended and which are not reduced yet: each owner reduces its records of them
     * @param counts           what the owners did, per category
     */
    record RetentionDue(LocalDate today, RetentionPolicy policy, List<Long> closedRequestIds, RetentionCounts counts) {

        public RetentionDue {
            closedRequestIds = List.copyOf(closedRequestIds);
        }

        /** The moment before which a record kept for {@code period} has outlived it. */
        public java.time.Instant cutOff(java.time.Period period) {
            return RetentionPolicy.cutOff(today, period);
        }
    }

    /** Rows deleted or reduced per category in one run: numbers, never data, so that the run can be audited. */
    final class RetentionCounts {

        private final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();

        public void add(String category, int rows) {
            if (rows > 0) {
                counts.merge(category, rows, Integer::sum);
            }
        }

        public java.util.Map<String, Integer> asMap() {
            return java.util.Collections.unmodifiableMap(counts);
        }

        @Override
        public String toString() {
            return counts.isEmpty() ? "nothing due" : counts.toString();
        }
    }

    /** The access copy that the owners fill in turn; the access module turns it into the letter's extract. */
    final class AccessCopy {

        private AccessExtract.Contact contact;
        private AccessExtract.Organisation organisation;
        private AccessExtract.Source source;
        private final List<AccessExtract.ConsentEvent> consentHistory = new ArrayList<>();
        private final List<AccessExtract.Disclosure> disclosures = new ArrayList<>();
        private final List<AccessExtract.PreviousRequest> previousRequests = new ArrayList<>();
        private final List<AccessExtract.InvoiceLink> invoiceLinks = new ArrayList<>();
        private final List<AccessExtract.StaffNote> staffNotes = new ArrayList<>();
        private final List<AccessExtract.StaffView> staffViews = new ArrayList<>();
        private final List<AccessExtract.Transfer> transfers = new ArrayList<>();
        private final List<AccessExtract.EventAttended> eventsAttended = new ArrayList<>();

        public void contact(AccessExtract.Contact contact, AccessExtract.Organisation organisation,
                            AccessExtract.Source source) {
            this.contact = contact;
            this.organisation = organisation;
            this.source = source;
        }

        public void consentHistory(List<AccessExtract.ConsentEvent> events) {
            consentHistory.addAll(events);
        }

        public void disclosures(List<AccessExtract.Disclosure> entries) {
            disclosures.addAll(entries);
        }

        public void previousRequests(List<AccessExtract.PreviousRequest> requests) {
            previousRequests.addAll(requests);
        }

        public void invoiceLinks(List<AccessExtract.InvoiceLink> links) {
            invoiceLinks.addAll(links);
        }

        public void staffNotes(List<AccessExtract.StaffNote> notes) {
            staffNotes.addAll(notes);
        }

        public void staffViews(List<AccessExtract.StaffView> views) {
            staffViews.addAll(views);
        }

        public void transfers(List<AccessExtract.Transfer> entries) {
            transfers.addAll(entries);
        }

        public void eventsAttended(List<AccessExtract.EventAttended> events) {
            eventsAttended.addAll(events);
        }

        public AccessExtract extract() {
            return new AccessExtract(contact, organisation, source, consentHistory, disclosures, previousRequests,
                    invoiceLinks, staffNotes, staffViews, transfers, eventsAttended);
        }
    }
}
