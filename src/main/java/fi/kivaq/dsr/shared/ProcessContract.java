package fi.kivaq.dsr.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the class, one per process and kept in the module that owns the process, that declares what the BPMN and
 * the Java around it share ({@link ProcessVariables} holds what every request process carries): every name is a
 * {@code static final String}, and its prefix says what it names. {@code ProcessContractTest} reads these
 * classes and checks them against {@code bpmn/*.bpmn} and the task forms ({@code templates/web/staff/task-forms/}) in both directions.
 * <ul>
 * <li>{@value #KEY}: the process definition key (the process's id in its BPMN file);</li>
 * <li>{@value #MESSAGE_PREFIX}…: a message name; {@value #ERROR_PREFIX}…: a BPMN error code;</li>
 * <li>{@value #TASK_PREFIX}…: an activity id Java looks up (e.g. a user task it completes);</li>
 * <li>any other name: a process variable, which may only hold an id or a flag, never personal data.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcessContract {

    String KEY = "KEY";
    String MESSAGE_PREFIX = "MESSAGE_";
    String ERROR_PREFIX = "ERROR_";
    String TASK_PREFIX = "TASK_";

    /**
     * On a variable whose value is one of an enum's constants (a decision staff enter): the form's options and the
     * BPMN conditions must use exactly these constants, and {@link DecisionValues} refuses any other value.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Values {
        Class<? extends Enum<?>> value();
    }
}
