package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/erasure.bpmn for every DELETION request. */
@Component
class ErasureProcessStart extends RequestProcessStart {

    ErasureProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.DELETION, ErasureProcess.KEY);
    }
}
