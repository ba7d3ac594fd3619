package fi.kivaq.dsr.restriction;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/restriction.bpmn for every RESTRICTION request. */
@Component
class RestrictionProcessStart extends RequestProcessStart {

    RestrictionProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.RESTRICTION, RestrictionProcess.KEY);
    }
}
