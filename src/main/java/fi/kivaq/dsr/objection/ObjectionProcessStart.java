package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/objection.bpmn for every OBJECTION request. */
@Component
class ObjectionProcessStart extends RequestProcessStart {

    ObjectionProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.OBJECTION, ObjectionProcess.KEY);
    }
}
