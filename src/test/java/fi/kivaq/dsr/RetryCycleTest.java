package fi.kivaq.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;

/**
 * A failed job (a database or SMTP blip, a time-stamp authority that did not answer) is tried again within a minute,
 * and then less and less often: a flat five-minute cycle made every blip cost five minutes and a fifth of the retries.
 */
class RetryCycleTest {

    private static final Duration FIRST_RETRY_AT_MOST = Duration.ofMinutes(1);
    private static final Pattern REPEATED = Pattern.compile("R(\\d+)/(P\\S+)");

    @Test
    void everyRetryCycleBeginsWithinAMinuteAndAListedOneNeverShrinks() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (CamundaFailedJobRetryTimeCycle cycle
                        : model.getModelElementsByType(CamundaFailedJobRetryTimeCycle.class)) {
                    String owner = cycle.getParentElement().getParentElement().getAttributeValue("id");
                    check(file.getFileName() + " " + owner, cycle.getTextContent().strip(), problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void check(String where, String cycle, List<String> problems) {
        Matcher repeated = REPEATED.matcher(cycle);
        List<Duration> intervals = new ArrayList<>();
        if (repeated.matches()) {
            intervals.add(Duration.parse(repeated.group(2)));
        } else {
            for (String interval : cycle.split(",")) {
                intervals.add(Duration.parse(interval.strip()));
            }
        }
        if (intervals.get(0).compareTo(FIRST_RETRY_AT_MOST) > 0) {
            problems.add(where + ": first retry after " + intervals.get(0) + " (" + cycle + ")");
        }
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).compareTo(intervals.get(i - 1)) < 0) {
                problems.add(where + ": retry intervals shrink (" + cycle + ")");
            }
        }
    }
}
