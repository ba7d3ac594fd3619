package fi.kivaq.dsr.erasure;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/erasure.bpmn: its key, messages and error and the variables only it carries (the common ones are in ProcessVariables). */
@ProcessContract
final class ErasureProcess {

    /** Process definition key of bpmn/erasure.bpmn. */
    static final String KEY = "erasure";

    /** Staff's assessment (form Form_AssessErasure): keep invoicing records the Accounting Act requires. */
    static final String KEEP_INVOICING_RECORDS = "keepInvoicingRecords";

    /** The outbox has no mail of the request left unsent ({@link LastMailSentListener}): the clean-up may run. */
    static final String MESSAGE_LAST_MAIL_SENT = "LastMailSent";

    /**
     * Starts the process after an erasure decided at a retention review ({@link Erasure#eraseAtRetentionReview}):
     * the erasure is done, the recipients are told, no letter goes to the person, then the clean-up.
     */
    static final String MESSAGE_ERASED_AT_RETENTION_REVIEW = "ErasedAtRetentionReview";

    /** Thrown by the clean-up while mails of the request are still unsent: the process waits for the last one. */
    static final String ERROR_MAILS_UNSENT = "MailsUnsent";

    /** Staff assess the erasure (Art. 17(3) exceptions) before anything is erased. */
    static final String TASK_ASSESS_ERASURE = "UserTask_AssessErasure";

    private ErasureProcess() {
    }
}
