package fi.kivaq.dsr.objection;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Sends the signed answer to an objection: marketing ended, or the weighed outcome with the reasons. */
@Component
class SendObjectionLetterDelegate implements JavaDelegate {

    private final Objections objections;

    SendObjectionLetterDelegate(Objections objections) {
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        objections.sendLetter(ProcessVariables.requestId(execution));
    }
}
