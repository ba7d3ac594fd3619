package fi.kivaq.dsr.restriction;

import fi.kivaq.dsr.shared.ProcessContract;

/** The contract of bpmn/restriction.bpmn: its key and the variables only it carries (the common ones are in ProcessVariables). */
@ProcessContract
final class RestrictionProcess {

    /** Process definition key of bpmn/restriction.bpmn. */
    static final String KEY = "restriction";

    /** Staff's decision, recorded on the staff page with its ground and reasons: the processing is restricted. */
    static final String RESTRICTION_GRANTED = "restrictionGranted";

    /** Staff decide on the restriction (Art. 18(1) a-d) on the staff page, which completes this task. */
    static final String TASK_DECIDE_RESTRICTION = "UserTask_DecideRestriction";

    /** Staff lift the restriction on the staff page, with the reason that the letter tells the person first. */
    static final String TASK_LIFT_RESTRICTION = "UserTask_LiftRestriction";

    private RestrictionProcess() {
    }
}
