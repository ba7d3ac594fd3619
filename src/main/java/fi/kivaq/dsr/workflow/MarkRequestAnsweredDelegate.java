package fi.kivaq.dsr.workflow;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.request.RequestStatus;

/** Staff have answered the request by hand: the request is completed. */
@Component
class MarkRequestAnsweredDelegate implements JavaDelegate {

    private final RequestRepository requests;
    private final Clock clock;

    MarkRequestAnsweredDelegate(RequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.updateStatus(Delegates.requestId(execution), RequestStatus.COMPLETED, clock.instant());
    }
}
