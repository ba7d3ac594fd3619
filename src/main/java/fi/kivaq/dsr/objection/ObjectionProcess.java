package fi.kivaq.dsr.objection;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/objection.bpmn: its key and the variables only it carries (the common ones are in ProcessVariables). */
@ProcessContract
final class ObjectionProcess {

    /** Process definition key of bpmn/objection.bpmn. */
    static final String KEY = "objection";

    /** The objection is to direct marketing (Art. 21(2)-(3)): it ended at once, nothing to weigh. */
    static final String DIRECT_MARKETING = "directMarketing";

    /** Staff weigh an objection on legitimate interests (Art. 21(1)) on the staff page, which completes this task. */
    static final String TASK_DECIDE_OBJECTION = "UserTask_DecideObjection";

    private ObjectionProcess() {
    }
}
