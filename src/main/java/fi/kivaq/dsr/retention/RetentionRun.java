package fi.kivaq.dsr.retention;

import java.util.List;

import org.springframework.core.OrderComparator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
                 RetentionPolicy policy, PlatformTransactionManager transactions) {
        this.owners = owners.stream().sorted(OrderComparator.INSTANCE).toList();
        this.requests = requests;
        this.reviews = reviews;
        this.audit = audit;
        this.policy = policy;
        // each batch commits on its own, also inside the engine's job transaction: a retry goes on where it stopped
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The run for the given Helsinki day; idempotent: a second run the same day finds nothing more to do. */
    public PersonalDataOwner.RetentionCounts run(java.time.LocalDate today) {
        PersonalDataOwner.RetentionCounts counts = new PersonalDataOwner.RetentionCounts();
        List<Long> previous = List.of();
        while (true) {
            List<Long> closed = transaction.execute(status -> {
                List<Long> batch = requests.closedAndNotReduced(
                        RetentionPolicy.cutOff(today, policy.closedRequests()), BATCH);
                PersonalDataOwner.RetentionDue due = new PersonalDataOwner.RetentionDue(today, policy, batch, counts);
                owners.forEach(owner -> owner.applyRetention(due));
                return batch;
            });
            if (closed == null || closed.size() < BATCH) {
                break;
            }
            if (closed.equals(previous)) {
                throw new IllegalStateException("closed requests were not reduced: " + closed.size() + " ids again");
            }
            previous = closed;
        }
        counts.add("reviews due", reviews.raiseDue(today));
        audit.recordSystem(AuditLog.Action.RETENTION_RUN, today + ": " + counts);
        return counts;
    }
}
