package fi.kivaq.dsr.access;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/access.bpmn for every ACCESS request. */
@Component
class AccessProcessStart extends RequestProcessStart {

    AccessProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.ACCESS, AccessProcess.KEY);
    }
}
