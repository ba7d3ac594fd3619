package fi.kivaq.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Expression;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import fi.kivaq.dsr.shared.ProcessContract;

/**
 * The BPMN files, their forms and the Java agree: every bean an expression names exists, every variable, message,
 * error code and process key the BPMN or a form uses is declared in a {@link ProcessContract}, and every name a
 * contract declares is used, as is every delegate and listener bean. A gateway deciding on an enum-valued decision has a default flow. Plain JUnit: it
 * reads {@code bpmn/*.bpmn} and the task forms {@code templates/web/staff/task-forms/*.html} (whatever files are there, so a new process is checked
 * as soon as it is added) and scans the main classes, without starting the application.
 */
class ProcessContractTest {

    private static final Path BPMN = Path.of("bpmn");
    /** The task forms: Thymeleaf templates of Camunda embedded forms, one per form key; parts.html holds fragments. */
    private static final Path FORMS = Path.of("templates/web/staff/task-forms");
    private static final String FORM_PARTS = "parts.html";
    private static final String FORM_KEY_PREFIX = "embedded:/staff/task-forms/";
    private static final String BASE_PACKAGE = "fi.kivaq.dsr";
    /** Names the engine itself resolves in an expression. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId",
            "variableScope", "processEngine", "currentUser", "currentUserGroups");
    private static final Pattern SINGLE_BEAN = Pattern.compile("^[$#]\\{\\s*([A-Za-z_]\\w*)\\s*}$");
    private static final Pattern GET_VARIABLE = Pattern.compile("getVariable\\(\\s*['\"](\\w+)['\"]\\s*\\)");
    private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*'([^']*)'");
    /** A task variable a form shows: {@code ${variables.reference}} (the task's variables, see TaskFormController). */
    private static final Pattern FORM_VARIABLE = Pattern.compile("\\bvariables\\.(\\w+)");
    /** An input Tasklist submits: the element's tag and attributes. */
    private static final Pattern FORM_INPUT = Pattern.compile("<(input|select|textarea)\\b([^>]*\\bcam-variable-name=[^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final Pattern OPTION = Pattern.compile("<option\\b[^>]*\\bvalue=\"([^\"]*)\"");

    private static Contracts contracts;
    private static Set<String> beans;
    /** The beans that can only be meant for a BPMN: delegates and listeners. */
    private static Set<String> delegateBeans;

    @BeforeAll
    static void readJava() {
        contracts = Contracts.scan();
        delegateBeans = new HashSet<>();
        beans = springBeanNames(delegateBeans);
    }

    @Test
    void theBpmnFilesAndFormsUseOnlyWhatJavaDeclaresAndJavaDeclaresNothingUnused() {
        Usage usage = new Usage();
        List<String> problems = new ArrayList<>();
        for (Path file : files(BPMN, ".bpmn")) {
            checkProcess(file, usage, problems);
        }
        for (Path file : files(FORMS, ".html")) {
            checkForm(file, usage, problems);
        }
        for (String column : tasklistColumns()) {
            variable("Tasklist's filter columns (tasklist.TasklistFilters)", column, usage, problems);
        }
        problems.addAll(unusedOrMissing(usage));

        assertThat(problems).as("problems between bpmn/, the task forms and the Java process contracts").isEmpty();
    }

    @Test
    void aTaskFormWithAMisspeltOrUndeclaredVariableOrAnOptionOfNoEnumFails(@TempDir Path folder) throws IOException {
        Path form = folder.resolve("bad-form.html");
        Files.writeString(form, """
                <form><div th:replace="~{web/staff/task-forms/parts :: heading}"></div>
                  <p th:text="${variables.referense}"></p>
                  <input type="checkbox" cam-variable-name="keepInvoicingRecord" cam-variable-type="Boolean">
                  <input type="checkbox" cam-variable-name="identityConfirmed" cam-variable-type="String">
                  <select cam-variable-name="reviewDecision" cam-variable-type="String">
                    <option value="">Choose</option><option value="APPROVE">Yes</option><option value="MAYBE">?</option>
                  </select>
                </form>
                """);
        List<String> problems = new ArrayList<>();
        checkForm(form, new Usage(), problems);
        assertThat(problems).anyMatch(p -> p.contains("variable referense is declared in no process contract"))
                .anyMatch(p -> p.contains("variable keepInvoicingRecord is declared in no process contract"))
                .anyMatch(p -> p.contains("checkbox identityConfirmed must have cam-variable-type=\"Boolean\""))
                .anyMatch(p -> p.contains("reviewDecision offers [APPROVE, MAYBE]"))
                .hasSize(4);
    }

    @Test
    void theContractsAreFoundAndDeclareEveryKind() {
        // a scan that finds nothing would make the other test pass vacuously
        assertThat(contracts.processKeys.keySet()).contains("access", "address-verification", "daily-digest",
                "deadline-watch", "erasure", "rectification", "subcontractor-notification", "unsubscribe");
        assertThat(contracts.variables).containsKeys("requestId", "reviewDecision", "notificationId");
        assertThat(contracts.messages).isNotEmpty();
        assertThat(contracts.errors).isNotEmpty();
        assertThat(beans).contains("sendAccessReceiptDelegate", "deadlineTimers", "sendDeadlineReminderDelegate");
        assertThat(delegateBeans).contains("sendAccessReceiptDelegate", "sendDeadlineReminderDelegate",
                "reviewDecisionListener").doesNotContain("deadlineTimers");
    }

    private void checkProcess(Path file, Usage usage, List<String> problems) {
        String where = file.getFileName().toString();
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        for (Process process : model.getModelElementsByType(Process.class)) {
            usage.processes.add(process.getId());
            // activities in sub-processes too: a contract may name any activity of its process
            model.getModelElementsByType(Activity.class).stream().filter(a -> processOf(a) == process)
                    .forEach(a -> usage.activities.computeIfAbsent(process.getId(), k -> new HashSet<>()).add(a.getId()));
        }
        for (Message message : model.getModelElementsByType(Message.class)) {
            usage.messages.add(message.getName());
            if (!contracts.messages.containsKey(message.getName())) {
                problems.add(where + ": message " + message.getName() + " is declared in no process contract");
            }
        }
        for (Error error : model.getModelElementsByType(Error.class)) {
            usage.errors.add(error.getErrorCode());
            if (!contracts.errors.containsKey(error.getErrorCode())) {
                problems.add(where + ": error code " + error.getErrorCode() + " is declared in no process contract");
            }
        }
        for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
            boolean decidesOnAStaffDecision = gateway.getOutgoing().stream()
                    .map(SequenceFlow::getConditionExpression).filter(c -> c != null)
                    .map(c -> COMPARISON.matcher(c.getTextContent())).anyMatch(m -> m.find()
                            && contracts.valuesOf(m.group(1)) != null);
            if (decidesOnAStaffDecision && gateway.getDefault() == null) {
                problems.add(where + " " + gateway.getId() + ": decides on an enum value but has no default flow");
            }
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            usage.calledElements.put(call.getCalledElement(), where + " " + call.getId());
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null) {
                problems.add(where + " " + task.getId() + ": camunda:formRef names a Camunda Form, which has one "
                        + "language; use camunda:formKey=\"" + FORM_KEY_PREFIX + "<name>\"");
            }
            String formKey = task.getCamundaFormKey();
            if (formKey != null && formKey.startsWith(FORM_KEY_PREFIX)) {
                usage.formRefs.put(formKey.substring(FORM_KEY_PREFIX.length()), where + " " + task.getId());
            } else if (formKey != null) {
                problems.add(where + " " + task.getId() + ": form key " + formKey + " is none of our task forms ("
                        + FORM_KEY_PREFIX + "<name>)");
            }
            expression(where + " " + task.getId() + " assignee", task.getCamundaAssignee(), usage, problems);
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            delegate(where + " " + task.getId(), task.getCamundaDelegateExpression(), usage, problems);
            expression(where + " " + task.getId(), task.getCamundaExpression(), usage, problems);
            if (task.getCamundaClass() != null) {
                problems.add(where + " " + task.getId() + ": camunda:class bypasses Spring; use a delegate bean");
            }
        }
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            delegate(where + " task listener", listener.getCamundaDelegateExpression(), usage, problems);
            expression(where + " task listener", listener.getCamundaExpression(), usage, problems);
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            delegate(where + " execution listener", listener.getCamundaDelegateExpression(), usage, problems);
            expression(where + " execution listener", listener.getCamundaExpression(), usage, problems);
        }
        for (Expression expression : model.getModelElementsByType(Expression.class)) {
            ModelElementInstance owner = expression.getParentElement();
            String ownerId = owner.getAttributeValue("id");
            expression(where + " " + (ownerId != null ? ownerId : owner.getElementType().getTypeName()),
                    expression.getTextContent(), usage, problems);
        }
        for (CamundaFailedJobRetryTimeCycle cycle : model.getModelElementsByType(CamundaFailedJobRetryTimeCycle.class)) {
            expression(where + " retry cycle", cycle.getTextContent(), usage, problems);
        }
        for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
            expression(where + " multi-instance collection", loop.getCamundaCollection(), usage, problems);
            variable(where + " multi-instance element variable", loop.getCamundaElementVariable(), usage, problems);
        }
        for (CamundaIn in : model.getModelElementsByType(CamundaIn.class)) {
            mapping(where + " call activity input", in.getCamundaSource(), in.getCamundaTarget(), usage, problems);
            expression(where + " call activity input", in.getCamundaSourceExpression(), usage, problems);
            expression(where + " call activity business key", in.getCamundaBusinessKey(), usage, problems);
            if ("all".equals(in.getCamundaVariables())) {
                problems.add(where + ": a call activity passes all variables; map each one by name");
            }
        }
        for (CamundaOut out : model.getModelElementsByType(CamundaOut.class)) {
            mapping(where + " call activity output", out.getCamundaSource(), out.getCamundaTarget(), usage, problems);
            expression(where + " call activity output", out.getCamundaSourceExpression(), usage, problems);
            if ("all".equals(out.getCamundaVariables())) {
                problems.add(where + ": a call activity returns all variables; map each one by name");
            }
        }
    }

    private static Process processOf(ModelElementInstance element) {
        var parent = element.getParentElement();
        while (parent != null && !(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    /**
     * A task form (Thymeleaf, Camunda's embedded form): every task variable it shows and every input it submits
     * ({@code cam-variable-name}) is declared; a select offers exactly its enum's constants; a checkbox is Boolean.
     */
    private void checkForm(Path file, Usage usage, List<String> problems) {
        String name = file.getFileName().toString();
        String where = "task-forms/" + name;
        String html = read(file);
        if (!name.equals(FORM_PARTS)) {
            usage.forms.put(name.substring(0, name.length() - ".html".length()), where);
            if (!html.contains("parts :: heading")) {
                problems.add(where + ": has no heading (the request, its kind and the link to its staff page)");
            }
        }
        Matcher shown = FORM_VARIABLE.matcher(html);
        while (shown.find()) {
            variable(where + " text", shown.group(1), usage, problems);
        }
        Matcher input = FORM_INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            String key = attributes.get("cam-variable-name");
            String type = attributes.get("cam-variable-type");
            variable(where + " input", key, usage, problems);
            if ("checkbox".equals(attributes.get("type")) && !"Boolean".equals(type)) {
                problems.add(where + ": checkbox " + key + " must have cam-variable-type=\"Boolean\"");
            } else if (!Set.of("String", "Boolean").contains(type)) {
                problems.add(where + ": input " + key + " has cam-variable-type " + type + ", not String or Boolean");
            }
            if (input.group(1).equals("select")) {
                Set<String> options = new TreeSet<>();
                Matcher option = OPTION.matcher(html.substring(input.end(), html.indexOf("</select>", input.end())));
                while (option.find()) {
                    if (!option.group(1).isEmpty()) {
                        options.add(option.group(1));
                    }
                }
                Set<String> declared = contracts.valuesOf(key);
                if (declared == null) {
                    problems.add(where + ": " + key + " offers values but its contract names no "
                            + "@ProcessContract.Values enum");
                } else if (!options.equals(declared)) {
                    problems.add(where + ": " + key + " offers " + options + ", its enum has " + declared);
                }
            }
        }
    }

    /** {@code ${name}} must name a Spring bean (a delegate or a listener). */
    private void delegate(String where, String delegateExpression, Usage usage, List<String> problems) {
        if (delegateExpression == null) {
            return;
        }
        Matcher single = SINGLE_BEAN.matcher(delegateExpression.trim());
        if (!single.matches()) {
            problems.add(where + ": delegate expression " + delegateExpression + " should name one bean");
        } else if (!beans.contains(single.group(1))) {
            problems.add(where + ": delegate expression names " + single.group(1) + ", which is no Spring bean");
        } else {
            usage.delegates.add(single.group(1));
        }
    }

    /**
     * Every name an expression resolves is the engine's, a Spring bean's or a declared variable's; a comparison of
     * an enum-valued variable with a literal uses one of the enum's constants.
     */
    private void expression(String where, String text, Usage usage, List<String> problems) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return;
        }
        Iterable<IdentifierNode> identifiers;
        try {
            identifiers = new Builder(Builder.Feature.METHOD_INVOCATIONS).build(text.trim()).getIdentifierNodes();
        } catch (TreeBuilderException e) {
            problems.add(where + ": expression " + text + " does not parse: " + e.getMessage());
            return;
        }
        for (IdentifierNode identifier : identifiers) {
            String name = identifier.getName();
            if (!ENGINE_NAMES.contains(name) && !beans.contains(name)) {
                variable(where + " expression " + text.trim(), name, usage, problems);
            }
        }
        Matcher read = GET_VARIABLE.matcher(text);
        while (read.find()) {
            variable(where + " expression " + text.trim(), read.group(1), usage, problems);
        }
        Matcher comparison = COMPARISON.matcher(text);
        while (comparison.find()) {
            Set<String> values = contracts.valuesOf(comparison.group(1));
            if (values != null && !values.contains(comparison.group(2))) {
                problems.add(where + ": " + comparison.group(1) + " is compared with '" + comparison.group(2)
                        + "', which is none of " + values);
            }
        }
    }

    private void mapping(String where, String source, String target, Usage usage, List<String> problems) {
        variable(where + " source", source, usage, problems);
        variable(where + " target", target, usage, problems);
    }

    private void variable(String where, String name, Usage usage, List<String> problems) {
        if (name == null) {
            return;
        }
        usage.variables.add(name);
        if (!contracts.variables.containsKey(name)) {
            problems.add(where + ": variable " + name + " is declared in no process contract");
        }
    }

    /** The other way round: each name a contract declares is used, and each reference finds its target. */
    private List<String> unusedOrMissing(Usage usage) {
        List<String> problems = new ArrayList<>();
        contracts.processKeys.forEach((key, contract) -> {
            if (!usage.processes.contains(key)) {
                problems.add(contract + " declares process key " + key + ", which no bpmn/*.bpmn defines");
            }
        });
        usage.calledElements.forEach((called, where) -> {
            if (!usage.processes.contains(called)) {
                problems.add(where + ": calls " + called + ", which is no process in bpmn/");
            }
        });
        contracts.variables.forEach((name, contract) -> {
            if (!usage.variables.contains(name)) {
                problems.add(contract + " declares variable " + name + ", which no BPMN, form or Tasklist column uses");
            }
        });
        contracts.messages.forEach((name, contract) -> {
            if (!usage.messages.contains(name)) {
                problems.add(contract + " declares message " + name + ", which no BPMN defines");
            }
        });
        contracts.errors.forEach((code, contract) -> {
            if (!usage.errors.contains(code)) {
                problems.add(contract + " declares error code " + code + ", which no BPMN defines");
            }
        });
        contracts.tasks.forEach((id, owner) -> {
            Set<String> activities = owner.processKey() == null
                    ? usage.activities.values().stream().flatMap(Set::stream).collect(Collectors.toSet())
                    : usage.activities.getOrDefault(owner.processKey(), Set.of());
            if (!activities.contains(id)) {
                problems.add(owner.contract() + " declares activity " + id + ", which is not in process "
                        + owner.processKey());
            }
        });
        delegateBeans.stream().filter(bean -> !usage.delegates.contains(bean)).sorted().forEach(bean ->
                problems.add("bean " + bean + " is a delegate or listener that no BPMN names"));
        usage.formRefs.forEach((ref, where) -> {
            if (!usage.forms.containsKey(ref)) {
                problems.add(where + ": form key names " + ref + ", which has no " + FORMS + "/" + ref + ".html");
            }
        });
        usage.forms.forEach((id, where) -> {
            if (!usage.formRefs.containsKey(id)) {
                problems.add(where + ": form " + id + " is used by no user task");
            }
        });
        return problems;
    }

    /**
     * The names of the application's beans: scanned components and the {@code @Bean} methods of configurations;
     * those that are delegates or listeners also go into {@code delegates}.
     */
    private static Set<String> springBeanNames(Set<String> delegates) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Set<String> names = new HashSet<>();
        for (BeanDefinition candidate : mainClasses(scanner)) {
            String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
            names.add(name);
            if (isDelegate(candidate.getBeanClassName())) {
                delegates.add(name);
            }
            for (MethodMetadata method : ((AnnotatedBeanDefinition) candidate).getMetadata()
                    .getAnnotatedMethods(Bean.class.getName())) {
                String[] declared = (String[]) method.getAnnotationAttributes(Bean.class.getName()).get("name");
                String beanName = declared.length > 0 ? declared[0] : method.getMethodName();
                names.add(beanName);
                if (isDelegate(method.getReturnTypeName())) {
                    delegates.add(beanName);
                }
            }
        }
        return names;
    }

    private static boolean isDelegate(String className) {
        try {
            Class<?> type = Class.forName(className);
            return JavaDelegate.class.isAssignableFrom(type) || TaskListener.class.isAssignableFrom(type)
                    || ExecutionListener.class.isAssignableFrom(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Candidates from the main classes only: test components are not in the running application. */
    private static List<BeanDefinition> mainClasses(ClassPathScanningCandidateComponentProvider scanner) {
        return scanner.findCandidateComponents(BASE_PACKAGE).stream().filter(candidate -> {
            try {
                return !((ScannedGenericBeanDefinition) candidate).getResource().getURL().toString()
                        .contains("/test-classes/");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
            assertThat(found).as("files *%s in %s", suffix, folder).isNotEmpty();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task variables Tasklist's filters list beside each task: used there, though by no BPMN or form. */
    @SuppressWarnings("unchecked")
    private static Set<String> tasklistColumns() {
        try {
            Field columns = Class.forName(BASE_PACKAGE + ".tasklist.TasklistFilters").getDeclaredField("COLUMNS");
            columns.setAccessible(true);
            return ((Map<String, String>) columns.get(null)).keySet();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the BPMN files and forms define and use. */
    private static final class Usage {
        final Set<String> processes = new HashSet<>();
        final Map<String, Set<String>> activities = new HashMap<>();
        final Set<String> messages = new HashSet<>();
        final Set<String> errors = new HashSet<>();
        final Set<String> variables = new HashSet<>();
        final Set<String> delegates = new HashSet<>();
        final Map<String, String> calledElements = new HashMap<>();
        final Map<String, String> formRefs = new HashMap<>();
        final Map<String, String> forms = new HashMap<>();
    }

    private record TaskOwner(String contract, String processKey) {
    }

    /** Everything the {@link ProcessContract} classes declare, by value, with the declaring class's name. */
    private static final class Contracts {
        final Map<String, String> processKeys = new HashMap<>();
        final Map<String, String> messages = new HashMap<>();
        final Map<String, String> errors = new HashMap<>();
        final Map<String, TaskOwner> tasks = new HashMap<>();
        final Map<String, String> variables = new HashMap<>();
        final Map<String, Set<String>> variableValues = new HashMap<>();

        Set<String> valuesOf(String variable) {
            return variableValues.get(variable);
        }

        static Contracts scan() {
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
                @Override
                protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                    return true;
                }
            };
            scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessContract.class));
            Contracts contracts = new Contracts();
            for (BeanDefinition candidate : mainClasses(scanner)) {
                try {
                    contracts.add(Class.forName(candidate.getBeanClassName()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            return contracts;
        }

        private void add(Class<?> contract) {
            String owner = contract.getSimpleName();
            Map<String, String> names = names(contract);
            String processKey = names.get(ProcessContract.KEY);
            names.forEach((field, value) -> {
                if (field.equals(ProcessContract.KEY)) {
                    putOnce(processKeys, value, owner);
                } else if (field.startsWith(ProcessContract.MESSAGE_PREFIX)) {
                    putOnce(messages, value, owner);
                } else if (field.startsWith(ProcessContract.ERROR_PREFIX)) {
                    putOnce(errors, value, owner);
                } else if (field.startsWith(ProcessContract.TASK_PREFIX)) {
                    tasks.put(value, new TaskOwner(owner, processKey));
                } else {
                    putOnce(variables, value, owner);
                    values(contract, field).ifPresent(v -> variableValues.put(value, v));
                }
            });
        }

        private static Optional<Set<String>> values(Class<?> contract, String field) {
            try {
                ProcessContract.Values values = contract.getDeclaredField(field).getAnnotation(ProcessContract.Values.class);
                return Optional.ofNullable(values).map(v -> Arrays.stream(v.value().getEnumConstants())
                        .map(c -> ((Enum<?>) c).name()).collect(Collectors.toCollection(TreeSet::new)));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A name declared twice would let two modules disagree about it silently. */
        private static void putOnce(Map<String, String> declared, String value, String owner) {
            String earlier = declared.putIfAbsent(value, owner);
            assertThat(earlier).as("%s is declared by both %s and %s", value, earlier, owner).isNull();
        }

        private static Map<String, String> names(Class<?> contract) {
            Map<String, String> names = new HashMap<>();
            for (Field field : contract.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                    try {
                        field.setAccessible(true);
                        names.put(field.getName(), (String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return names;
        }
    }
}
