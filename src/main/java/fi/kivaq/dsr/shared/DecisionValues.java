package fi.kivaq.dsr.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A decision staff enter in a form (or send to {@code /engine-rest}) is one of an enum's constants. Any other value
 * would leave the decision gateway with no flow to take and the task half-completed; refusing it at the task keeps
 * the task open with a message naming the values.
 */
public final class DecisionValues {

    private DecisionValues() {
    }

    /** The decision held in {@code variable}, or {@link TaskCompletionRefused} naming the allowed values. */
    public static <E extends Enum<E>> E require(VariableScope task, String variable, Class<E> values) {
        Object value = task.getVariable(variable);
        for (E constant : values.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(values.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw value == null
                ? new TaskCompletionRefused("staff.refusal.decisionMissing", variable, allowed)
                : new TaskCompletionRefused("staff.refusal.decisionNotAllowed", variable, shortened(value), allowed);
    }

    /** Whatever was sent is echoed only as far as a reader needs to recognise it. */
    private static String shortened(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
