package fi.kivaq.dsr.rectification;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.subcontractor.CorrectionSource;

/**
 * Hands the subcontractor module what a rectification changed, through its {@link CorrectionSource} interface, so
 * that the instruction to each recipient lists the corrected values without reading this module's tables.
 */
@Component
class CorrectionsForRecipients implements CorrectionSource {

    private final RectificationRecords records;
    private final RequestRepository requests;

    CorrectionsForRecipients(RectificationRecords records, RequestRepository requests) {
        this.records = records;
        this.requests = requests;
    }

    /**
     * The person as the recipient knows them: the register's name and address before the correction (the
     * corrected values follow separately, in field-name order).
     */
    @Override
    public Optional<Correction> correctionFor(long requestId) {
        DsrRequest request = requests.get(requestId);
        if (request.type() != RequestType.RECTIFICATION) {
            return Optional.empty();
        }
        Map<Field, String> person = new HashMap<>();
        person.put(Field.NAME, request.requesterName() == null ? "" : request.requesterName());
        person.put(Field.EMAIL, request.requesterEmail());
        List<RequestedChange> applied = records.changes(requestId).stream()
                .filter(c -> c.outcome() == RequestedChange.Outcome.APPLIED).toList();
        if (request.contactId() != null) {
            Map<Field, String> current = records.currentValues(request.contactId());
            if (!current.isEmpty()) {
                person.put(Field.NAME, current.get(Field.NAME));
                person.put(Field.EMAIL, current.get(Field.EMAIL));
            }
            applied.stream().filter(c -> c.field() == Field.NAME || c.field() == Field.EMAIL)
                    .forEach(before -> person.put(before.field(), before.currentValue()));
        }
        return Optional.of(new Correction(person.get(Field.NAME), person.get(Field.EMAIL), applied.stream()
                .sorted(Comparator.comparing(c -> c.field().name()))
                .map(c -> new CorrectedValue(c.field().name(), c.newValue()))
                .toList()));
    }
}
