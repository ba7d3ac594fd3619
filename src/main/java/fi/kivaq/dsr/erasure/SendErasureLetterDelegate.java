package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/** Sends the signed erasure letter once, whichever comes first: all confirmations, or the answer's own deadline. */
@Component
class SendErasureLetterDelegate implements JavaDelegate {

    private final ErasureLetter letter;

    SendErasureLetterDelegate(ErasureLetter letter) {
        this.letter = letter;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable(ProcessVariables.LETTER_SENT))) {
            return;
        }
        letter.send(ProcessVariables.requestId(execution));
        execution.setVariable(ProcessVariables.LETTER_SENT, true);
    }
}
