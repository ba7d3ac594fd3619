package fi.kivaq.dsr.shared;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.context.MessageSource;

/**
 * Thrown by a task listener on {@code complete} when what staff entered cannot go on: the task stays open (the
 * transaction rolls back) and the sentence tells staff what to do. The engine wraps it; {@code /engine-rest} and
 * Tasklist's copy of it answer it with 400 and this sentence in the staff member's language (see
 * {@code web.EngineRestRefusals}).
 *
 * <p>The sentence is a key of the staff bundle ({@code staff.refusal.*}) with its arguments, rendered for the reader
 * by {@link #sentence(Language)}; {@link #getMessage()} is the English one, for logs and for callers that name no
 * language. The arguments are words and paths, never personal data, and are shown as they are (no number formats).
 */
public class TaskCompletionRefused extends ProcessEngineException {

    private static final MessageSource STAFF_TEXTS = TextBundles.messageSource(List.of(TextBundles.STAFF));

    private final String key;
    private final String[] arguments;

    /** @param key a key of the staff bundle, {@code staff.refusal.*}; it must exist (a missing one fails here) */
    public TaskCompletionRefused(String key, Object... arguments) {
        this(key, Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new));
    }

    private TaskCompletionRefused(String key, String[] arguments) {
        super(render(key, arguments, Language.EN));
        this.key = key;
        this.arguments = arguments;
    }

    public String key() {
        return key;
    }

    /** The sentence in the given language. */
    public String sentence(Language language) {
        return render(key, arguments, language);
    }

    private static String render(String key, String[] arguments, Language language) {
        return STAFF_TEXTS.getMessage(key, arguments, language.locale());
    }
}
