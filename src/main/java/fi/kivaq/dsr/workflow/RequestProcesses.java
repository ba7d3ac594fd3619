package fi.kivaq.dsr.workflow;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestType;
import fi.kivaq.dsr.request.VerificationState;

/** Starts the process that handles a request, with the reference as business key and nothing personal inside. */
@Component
public class RequestProcesses {

    static final String UNSUBSCRIBE = "unsubscribe";
    static final String ERASURE = "erasure";
    static final String ACCESS = "access";
    static final String RECTIFICATION = "rectification";
    /** bpmn/deadline-watch.bpmn: reminder, escalation and overdue timers of every request (package deadline) */
    public static final String DEADLINE_WATCH = "deadline-watch";

    private final RuntimeService runtimeService;

    RequestProcesses(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** Runs in the caller's transaction, so the request row and its process exist together or not at all. */
    public void start(DsrRequest request) {
        start(request, false);
    }

    /**
     * @param evidenceCheckRequired the request came with evidence of identity (a signed letter) that staff check
     *                              instead of mailing a verification link
     */
    public void start(DsrRequest request, boolean evidenceCheckRequired) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.REQUEST_ID, request.id());
        variables.put(ProcessVariables.VERIFICATION_REQUIRED, request.verificationState() == VerificationState.PENDING);
        if (request.type() != RequestType.UNSUBSCRIBE) {
            // access, rectification and erasure accept a signed request as proof of identity
            variables.put(ProcessVariables.EVIDENCE_CHECK_REQUIRED, evidenceCheckRequired);
        }
        // first, so that the watch exists before the request's own process can close the request
        runtimeService.startProcessInstanceByKey(DEADLINE_WATCH, request.reference(),
                Map.of(ProcessVariables.REQUEST_ID, request.id()));
        runtimeService.startProcessInstanceByKey(processKey(request.type()), request.reference(), variables);
    }

    private static String processKey(RequestType type) {
        return switch (type) {
            case UNSUBSCRIBE -> UNSUBSCRIBE;
            case ACCESS -> ACCESS;
            case DELETION -> ERASURE;
            case RECTIFICATION -> RECTIFICATION;
        };
    }
}
