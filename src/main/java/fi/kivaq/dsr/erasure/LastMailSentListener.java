package fi.kivaq.dsr.erasure;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.mail.MailSent;
import fi.kivaq.dsr.shared.ProcessVariables;

/**
 * Wakes each erasure waiting for its last mail ({@code ReceiveTask_AwaitLastMail}) once none of its mails is left in
 * the outbox, so that its clean-up follows within seconds. Every erasure waiting is checked, not only the one of the
 * mail's request: the clean-up also waits for mails to the address that belong to no request, or to another
 * request of the person. Never fails the sender: whatever goes wrong here, the wait's timer looks again.
 */
@Component
class LastMailSentListener {

    private static final Logger log = LoggerFactory.getLogger(LastMailSentListener.class);

    private final RuntimeService runtimeService;
    private final ErasureCleanUp cleanUp;

    LastMailSentListener(RuntimeService runtimeService, ErasureCleanUp cleanUp) {
        this.runtimeService = runtimeService;
        this.cleanUp = cleanUp;
    }

    @EventListener
    void mailSent(MailSent sent) {
        try {
            for (Execution waiting : runtimeService.createExecutionQuery().processDefinitionKey(ErasureProcess.KEY)
                    .messageEventSubscriptionName(ErasureProcess.MESSAGE_LAST_MAIL_SENT).list()) {
                wakeIfDone(waiting);
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for erasures waiting for mail {}; their timers will look again", sent.mailId(), e);
        }
    }

    private void wakeIfDone(Execution waiting) {
        try {
            Object requestId = runtimeService.getVariable(waiting.getId(), ProcessVariables.REQUEST_ID);
            if (cleanUp.mailsUnsent(((Number) requestId).longValue())) {
                return;
            }
            runtimeService.createMessageCorrelation(ErasureProcess.MESSAGE_LAST_MAIL_SENT)
                    .processInstanceId(waiting.getProcessInstanceId()).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            log.debug("Erasure {} was woken meanwhile", waiting.getProcessInstanceId());
        } catch (RuntimeException e) {
            log.warn("Could not wake erasure {} after its last mail; its timer will look again",
                    waiting.getProcessInstanceId(), e);
        }
    }
}
