package fi.kivaq.dsr.unsubscribe;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestProcessStart;
import fi.kivaq.dsr.shared.RequestType;

/** Starts bpmn/unsubscribe.bpmn for every UNSUBSCRIBE request. */
@Component
class UnsubscribeProcessStart extends RequestProcessStart {

    UnsubscribeProcessStart(RuntimeService runtimeService) {
        super(runtimeService, RequestType.UNSUBSCRIBE, UnsubscribeProcess.KEY);
    }
}
