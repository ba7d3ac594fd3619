package fi.kivaq.dsr.erasure;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/erasure.bpmn: its key and the variables only it carries (the common ones are in ProcessVariables). */
@ProcessContract
final class ErasureProcess {

    /** Process definition key of bpmn/erasure.bpmn. */
    static final String KEY = "erasure";

    /** Staff's assessment (form Form_AssessErasure): keep invoicing records the Accounting Act requires. */
    static final String KEEP_INVOICING_RECORDS = "keepInvoicingRecords";

    private ErasureProcess() {
    }
}
