package fi.kivaq.dsr.request;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import fi.kivaq.dsr.shared.RequestType;

/**
 * Starts a feature's process for each request of its type, with the reference as business key. Each feature module
 * declares one subclass naming its request type and process key, so that the request module knows no feature.
 */
public abstract class RequestProcessStart {

    private final RuntimeService runtimeService;
    private final RequestType type;
    private final String processKey;

    protected RequestProcessStart(RuntimeService runtimeService, RequestType type, String processKey) {
        this.runtimeService = runtimeService;
        this.type = type;
        this.processKey = processKey;
    }

    /** After the deadline watch has started, so that the watch exists before the process can close the request. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void start(RequestFiled filed) {
        if (filed.type() == type) {
            runtimeService.startProcessInstanceByKey(processKey, filed.reference(), filed.processVariables());
        }
    }
}
