package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/rectification.bpmn for every RECTIFICATION request. */
@Component
class RectificationProcessStart extends RequestProcessStart {

    RectificationProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.RECTIFICATION, RectificationProcess.KEY);
    }
}
