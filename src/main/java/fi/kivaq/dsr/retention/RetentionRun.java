package fi.kivaq.dsr.retention;

import java.util.List;

import org.springframework.core.OrderComparator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.audit.AuditLog;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.PersonalDataOwner;
import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * The daily retention run (bpmn/retention.bpmn): every {@link PersonalDataOwner} deletes or reduces what outlived
 * its period in {@link RetentionPolicy}, closed requests in batches, each batch in a transaction of its own; then the
 * retention reviews are brought up to date; the run is audited with its counts, never with data.
 */
@Service
public class RetentionRun {

    static final int BATCH = 500;

    private final List<PersonalDataOwner> owners;
    private final RequestRepository requests;
    private final RetentionReviews reviews;
    private final AuditLog audit;
    private final RetentionPolicy policy;
    private final TransactionTemplate transaction;

    RetentionRun(List<PersonalDataOwner> owners, RequestRepository requests, RetentionReviews reviews, AuditLog audit,
                 RetentionPolicy policy, TransactionTemplate transaction) {
        this.owners = owners.stream().sorted(OrderComparator.INSTANCE).toList();
        this.requests = requests;
        this.reviews = reviews;
        this.audit = audit;
        this.policy = policy;
        this.transaction = transaction;
    }

    /** The run for the given Helsinki day; idempotent: a second run the same day finds nothing more to do. */
    public PersonalDataOwner.RetentionCounts run(java.time.LocalDate today) {
        PersonalDataOwner.RetentionCounts counts = new PersonalDataOwner.RetentionCounts();
        boolean more = true;
        while (more) {
            more = Boolean.TRUE.equals(transaction.execute(status -> {
                List<Long> closed = requests.closedAndNotReduced(
                        RetentionPolicy.cutOff(today, policy.closedRequests()), BATCH);
                PersonalDataOwner.RetentionDue due = new PersonalDataOwner.RetentionDue(today, policy, closed, counts);
                owners.forEach(owner -> owner.applyRetention(due));
                return closed.size() == BATCH;
            }));
        }
        counts.add("reviews due", reviews.raiseDue(today));
        audit.recordSystem(AuditLog.Action.RETENTION_RUN, today + ": " + counts);
        return counts;
    }
}
