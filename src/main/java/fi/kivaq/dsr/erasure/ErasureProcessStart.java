package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/erasure.bpmn for every DELETION request. */
@Component
class ErasureProcessStart extends RequestProcessStart {

    /** Process definition key of bpmn/erasure.bpmn. */
    static final String KEY = "erasure";

    ErasureProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.DELETION, ErasureProcessStart.KEY);
    }
}
