package fi.kivaq.dsr.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Sends the signed rectification letter once: after every recipient confirmed, when the answer cannot wait longer,
 * or straight away for a refusal.
 */
@Component
class SendRectificationLetterDelegate implements JavaDelegate {

    private final RectificationLetter letter;

    SendRectificationLetterDelegate(RectificationLetter letter) {
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
