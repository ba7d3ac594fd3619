package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import fi.kivaq.dsr.letter.PageFlow.Style;
import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.ControllerProperties;

/** The copy of the data and the Art. 15(1) information of an access letter. */
final class AccessSections {

    private static final String[] ART15_ITEMS = {
        "purposes", "categories", "recipients", "retention", "rights", "complaint", "source", "automated"};

    private final PageFlow flow;
    private final LetterMessages texts;
    private final LetterFonts fonts;
    private final ControllerProperties controller;
    private final List<RetentionSummary.Entry> retention;

    AccessSections(PageFlow flow, LetterMessages texts, LetterFonts fonts, ControllerProperties controller,
                   List<RetentionSummary.Entry> retention) {
        this.retention = retention;
        this.flow = flow;
        this.texts = texts;
        this.fonts = fonts;
        this.controller = controller;
    }

    void write(AccessExtract extract) throws IOException {
        contact(extract.contact());
        organisation(extract.organisation());
        source(extract.source());
        consents(extract.consentHistory());
        disclosures(extract.disclosures());
        previousRequests(extract.previousRequests());
        invoiceLinks(extract.invoiceLinks());
        staffNotes(extract.staffNotes());
        staffViews(extract.staffViews());
        transfers(extract.transfers());
        flow.paragraph(p(texts.get("access.machineReadable")), Style.BODY);
        art15();
    }

    private void contact(AccessExtract.Contact contact) throws IOException {
        if (contact == null) {
            return;
        }
        flow.heading(p(texts.get("access.heading.contact")), Style.HEADING);
        List<List<String>> rows = new ArrayList<>();
        field(rows, "access.contact.name", contact.name());
        field(rows, "access.contact.email", contact.email());
        field(rows, "access.contact.phone", contact.phone());
        field(rows, "access.contact.jobTitle", contact.jobTitle());
        field(rows, "access.contact.language", contact.language() == null ? null
                : texts.lookup("language.", contact.language()));
        field(rows, "access.contact.notes", contact.notes());
        field(rows, "access.contact.lastActivity", texts.date(contact.lastActivityOn()));
        // Art. 18: stored only, used for nothing else until the restriction is lifted
        field(rows, "access.contact.restricted", contact.restricted() ? texts.get("access.contact.restricted.yes") : null);
        // Art. 21(1): what an upheld objection stopped
        field(rows, "access.contact.stoppedUses", contact.stoppedUses().isEmpty() ? null
                : contact.stoppedUses().stream().map(use -> texts.lookup("objectedUse.", use))
                .collect(java.util.stream.Collectors.joining(" ")));
        flow.table(null, new float[] {1f, 3f}, rows);
    }

    private void organisation(AccessExtract.Organisation organisation) throws IOException {
        if (organisation == null) {
            return;
        }
        flow.heading(p(texts.get("access.heading.organisation")), Style.HEADING);
        List<List<String>> rows = new ArrayList<>();
        field(rows, "access.organisation.name", organisation.name());
        field(rows, "access.organisation.businessId", organisation.businessId());
        field(rows, "access.organisation.role", organisation.role());
        flow.table(null, new float[] {1f, 3f}, rows);
    }

    private void source(AccessExtract.Source source) throws IOException {
        if (source == null) {
            return;
        }
        flow.heading(p(texts.get("access.heading.source")), Style.HEADING);
        List<List<String>> rows = new ArrayList<>();
        field(rows, "access.source.channel", texts.lookup("source.", source.channel()));
        field(rows, "access.source.collectedOn", texts.date(source.collectedOn()));
        flow.table(null, new float[] {1f, 3f}, rows);
    }

    private void consents(List<AccessExtract.ConsentEvent> events) throws IOException {
        flow.heading(p(texts.get("access.heading.consents")), Style.HEADING);
        if (events.isEmpty()) {
            flow.paragraph(p(texts.get("access.consents.none")), Style.BODY);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.ConsentEvent event : events) {
            rows.add(row(texts.dateTime(event.at()), texts.lookup("purpose.", event.purpose()),
                    event.action() == null ? "" : texts.lookup("consent.", event.action().name()),
                    texts.lookup("channel.", event.channel()),
                    event.textVersion() == null ? "" : event.textVersion()));
        }
        flow.table(header("access.consents.time", "access.consents.purpose", "access.consents.action",
                "access.consents.channel", "access.consents.version"), new float[] {1.3f, 1.1f, 0.9f, 1.5f, 1f}, rows);
        // what each consent was given to (Art. 7(1)): the version, its language, where, and the words themselves
        for (AccessExtract.ConsentEvent event : events) {
            if (event.textVersion() == null) {
                continue;
            }
            flow.paragraph(p(texts.get("access.consents.proof", texts.dateTime(event.at()),
                    texts.lookup("purpose.", event.purpose()), event.textVersion(),
                    texts.lookup("language.", event.textLanguage()), texts.lookup("consentSource.", event.source()))),
                    Style.BODY);
            flow.paragraph(p(event.text() == null ? texts.get("access.consents.textElsewhere")
                    : texts.get("access.consents.text", event.text())), Style.BODY);
        }
    }

    private void disclosures(List<AccessExtract.Disclosure> disclosures) throws IOException {
        flow.heading(p(texts.get("access.heading.disclosures")), Style.HEADING);
        if (disclosures.isEmpty()) {
            flow.paragraph(p(texts.get("access.disclosures.none")), Style.BODY);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.Disclosure disclosure : disclosures) {
            rows.add(row(disclosure.subcontractor(), texts.date(disclosure.disclosedOn()), disclosure.purpose()));
        }
        flow.table(header("access.disclosures.subcontractor", "access.disclosures.date",
                "access.disclosures.purpose"), new float[] {1.6f, 0.9f, 2.5f}, rows);
    }

    private void previousRequests(List<AccessExtract.PreviousRequest> requests) throws IOException {
        flow.heading(p(texts.get("access.heading.previous")), Style.HEADING);
        if (requests.isEmpty()) {
            flow.paragraph(p(texts.get("access.previous.none")), Style.BODY);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.PreviousRequest request : requests) {
            rows.add(row(request.reference(), texts.lookup("requestType.", request.type()),
                    texts.date(request.receivedOn()), texts.lookup("status.", request.status())));
        }
        flow.table(header("access.previous.reference", "access.previous.type", "access.previous.received",
                "access.previous.status"), new float[] {1.4f, 1.2f, 1f, 1f}, rows);
    }

    private void invoiceLinks(List<AccessExtract.InvoiceLink> links) throws IOException {
        flow.heading(p(texts.get("access.heading.invoices")), Style.HEADING);
        if (links.isEmpty()) {
            flow.paragraph(p(texts.get("access.invoices.none")), Style.BODY);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.InvoiceLink link : links) {
            rows.add(row(link.invoiceNumber(), texts.date(link.invoiceDate()), link.customerName(),
                    texts.date(link.keptUntil())));
        }
        flow.table(header("access.invoices.number", "access.invoices.date", "access.invoices.customer",
                "access.invoices.keptUntil"), new float[] {1.2f, 1f, 1.8f, 1f}, rows);
    }

    private void staffNotes(List<AccessExtract.StaffNote> notes) throws IOException {
        flow.heading(p(texts.get("access.heading.notes")), Style.HEADING);
        if (notes.isEmpty()) {
            flow.paragraph(p(texts.get("access.notes.none")), Style.BODY);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.StaffNote note : notes) {
            rows.add(row(texts.date(note.writtenOn()), note.reference(), texts.lookup("noteKind.", note.kind()),
                    note.text()));
        }
        flow.table(header("access.notes.date", "access.notes.request", "access.notes.kind", "access.notes.text"),
                new float[] {0.9f, 1.2f, 0.9f, 3f}, rows);
    }

    /** The dates and purposes of staff's views of the data (CJEU C-579/21), never the viewers. */
    private void staffViews(List<AccessExtract.StaffView> views) throws IOException {
        flow.heading(p(texts.get("access.heading.views")), Style.HEADING);
        if (views.isEmpty()) {
            flow.paragraph(p(texts.get("access.views.none")), Style.BODY);
            return;
        }
        flow.paragraph(p(texts.get("access.views.intro")), Style.BODY);
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.StaffView view : views) {
            rows.add(row(texts.date(view.viewedOn()), texts.lookup("viewed.", view.what()),
                    texts.lookup("viewPurpose.", view.purpose())));
        }
        flow.table(header("access.views.date", "access.views.what", "access.views.purpose"),
                new float[] {0.9f, 2f, 2f}, rows);
    }

    /** Art. 15(1)(c), 15(2): whether the data leaves the EU/EEA, to whom and on which safeguard. */
    private void transfers(List<AccessExtract.Transfer> transfers) throws IOException {
        flow.heading(p(texts.get("access.heading.transfers")), Style.HEADING);
        if (transfers.isEmpty()) {
            flow.paragraph(p(texts.get("access.transfers.none")), Style.BODY);
            return;
        }
        flow.paragraph(p(texts.get("access.transfers.intro")), Style.BODY);
        List<List<String>> rows = new ArrayList<>();
        for (AccessExtract.Transfer transfer : transfers) {
            rows.add(row(transfer.recipient(), transfer.country(), transfer.safeguard()));
        }
        flow.table(header("access.transfers.recipient", "access.transfers.country", "access.transfers.safeguard"),
                new float[] {1.6f, 1f, 2.4f}, rows);
    }

    private void art15() throws IOException {
        flow.heading(p(texts.get("art15.heading")), Style.HEADING);
        for (String item : ART15_ITEMS) {
            flow.ensureRoom(Style.BODY.leading() * 3);
            flow.paragraph(p(texts.get("art15." + item + ".label")), Style.BOLD);
            flow.space(-Style.BOLD.size * 0.4f);
            flow.paragraph(p(texts.get("art15." + item, controller.email(), controller.shortName())), Style.BODY);
            if (item.equals("retention")) {
                // per category, the configured period (dsr.retention.*)
                for (RetentionSummary.Entry entry : retention) {
                    flow.paragraph(p(texts.get("retention.entry", entry.label(), entry.text())), Style.BODY);
                }
            }
        }
    }

    private void field(List<List<String>> rows, String labelKey, String value) {
        if (value != null && !value.isBlank()) {
            rows.add(row(texts.get(labelKey), value));
        }
    }

    private List<String> header(String... keys) {
        List<String> header = new ArrayList<>(keys.length);
        for (String key : keys) {
            header.add(p(texts.get(key)));
        }
        return header;
    }

    private List<String> row(String... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(p(cell));
        }
        return row;
    }

    private String p(String text) {
        return fonts.printable(text);
    }
}
