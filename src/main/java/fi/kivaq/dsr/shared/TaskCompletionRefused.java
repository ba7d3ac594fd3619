package fi.kivaq.dsr.shared;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Thrown by a task listener on {@code complete} when what staff entered cannot go on: the task stays open (the
 * transaction rolls back) and the message tells staff what to do. The engine wraps it; {@code /engine-rest} answers
 * it with 400 and this message (see {@code web.EngineRestRefusals}), Tasklist shows the message.
 */
public class TaskCompletionRefused extends ProcessEngineException {

    public TaskCompletionRefused(String message) {
        super(message);
    }
}
