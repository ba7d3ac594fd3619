package fi.kivaq.dsr.request;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.deadline.DeadlineCalculator;
import fi.kivaq.dsr.workflow.RequestProcesses;

/**
 * Files a request: one row and one process instance, in one transaction. What happens next never depends,
 * visibly to the requester, on whether the address is in the register.
 */
@Service
public class RequestIntake {

    private final RequestRepository requests;
    private final RequestProcesses processes;
    private final DeadlineCalculator deadlines;

    RequestIntake(RequestRepository requests, RequestProcesses processes, DeadlineCalculator deadlines) {
        this.requests = requests;
        this.processes = processes;
        this.deadlines = deadlines;
    }

    /** A request whose address still has to be verified (web form, API). */
    @Transactional
    public DsrRequest file(NewRequest request) {
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                RequestStatus.AWAITING_VERIFICATION, VerificationState.PENDING, null);
        processes.start(filed);
        return filed;
    }

    /** A request from a channel that already proves control of the contact's address (one-click link). */
    @Transactional
    public DsrRequest fileVerified(NewRequest request, long contactId) {
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                RequestStatus.IN_PROGRESS, VerificationState.NOT_REQUIRED, contactId);
        processes.start(filed);
        return filed;
    }
}
