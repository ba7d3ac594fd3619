package fi.kivaq.dsr.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.RequestStatus;

/**
 * The manager's dashboard: one page of open requests by deadline with their current task (two engine queries
 * per page, whatever its size), counts by type and status, and the on-time share of the last twelve months
 * (one aggregate query). Nothing here loads the history row by row.
 */
@Service
public class ManagerDashboard {

    /**
     * One open request. An unconfirmed one (the requester has not yet confirmed the address, newsletter stops
     * included) has no running deadline: never overdue, at risk or extendable. {@code workingDaysOverdue} counts
     * the working days after the due date up to today, for an overdue row.
     */
    public record Row(String reference, String type, String status, LocalDate receivedOn, LocalDate dueDate,
                      LocalDate originalDueDate, boolean extended, long workingDaysLeft, long calendarDaysLeft,
                      boolean overdue, boolean atRisk, boolean extendable, String task, String assignee,
                      String processInstanceId, boolean unconfirmed, long workingDaysOverdue) {
    }

    public record Month(YearMonth month, long answered, long onTime) {
        public int percent() {
            return answered == 0 ? 0 : (int) Math.round(100.0 * onTime / answered);
        }
    }

    public record View(LocalDate today, List<Row> rows, int page, int pages, long openCount,
                       List<RequestDeadlines.TypeStatusCount> counts, List<Month> months, long answered,
                       long onTime) {
        public int onTimePercent() {
            return answered == 0 ? 0 : (int) Math.round(100.0 * onTime / answered);
        }
    }

    private final RequestDeadlines deadlines;
    private final DeadlineCalculator calculator;
    private final DeadlineProperties settings;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final Clock clock;

    ManagerDashboard(RequestDeadlines deadlines, DeadlineCalculator calculator, DeadlineProperties settings,
                     TaskService taskService, HistoryService historyService, Clock clock) {
        this.deadlines = deadlines;
        this.calculator = calculator;
        this.settings = settings;
        this.taskService = taskService;
        this.historyService = historyService;
        this.clock = clock;
    }

    public View view(int requestedPage) {
        LocalDate today = LocalDate.now(clock.withZone(DeadlineCalculator.HELSINKI));
        LocalDate atRiskUntil = DailyDigest.atRiskUntil(calculator, today, settings.reminderWorkingDays());
        long open = deadlines.countOpen();
        int size = settings.dashboardPageSize();
        int pages = (int) Math.max(1, (open + size - 1) / size);
        int page = Math.min(Math.max(requestedPage, 1), pages);
        List<RequestDeadlines.Deadline> openPage = deadlines.openByDueDate((page - 1) * size, size);
        String[] references = openPage.stream().map(RequestDeadlines.Deadline::reference).toArray(String[]::new);

        Map<String, String> mainProcessByReference = new HashMap<>();
        Map<String, String> referenceByProcess = new HashMap<>();
        Map<String, Task> taskByReference = new HashMap<>();
        if (references.length > 0) {
            for (HistoricProcessInstance p : historyService.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKeyIn(references).unfinished().list()) {
                referenceByProcess.put(p.getId(), p.getBusinessKey());
                if (!DeadlineWatchProcess.KEY.equals(p.getProcessDefinitionKey())
                        && p.getSuperProcessInstanceId() == null) {
                    mainProcessByReference.put(p.getBusinessKey(), p.getId());
                }
            }
            for (Task task : taskService.createTaskQuery().processInstanceBusinessKeyIn(references).active().list()) {
                String reference = referenceByProcess.get(task.getProcessInstanceId());
                if (reference != null) {
                    taskByReference.putIfAbsent(reference, task);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (RequestDeadlines.Deadline d : openPage) {
            Task task = taskByReference.get(d.reference());
            boolean unconfirmed = d.status() == RequestStatus.AWAITING_VERIFICATION;
            boolean overdue = !unconfirmed && (d.dueDate().isBefore(today) || d.overdueSince() != null);
            rows.add(new Row(d.reference(), d.type().name(), d.status().name(), calculator.receiptDate(d.receivedAt()),
                    d.dueDate(), d.originalDueDate() != null ? d.originalDueDate() : d.dueDate(), d.isExtended(),
                    calculator.workingDaysBetween(today, d.dueDate()), ChronoUnit.DAYS.between(today, d.dueDate()),
                    overdue, !unconfirmed && !overdue && !d.dueDate().isAfter(atRiskUntil),
                    !unconfirmed && !d.isExtended() && !today.isAfter(d.dueDate()),
                    task == null ? null : task.getName(), task == null ? null : task.getAssignee(),
                    mainProcessByReference.get(d.reference()), unconfirmed,
                    overdue && d.dueDate().isBefore(today)
                            ? calculator.workingDaysBetween(d.dueDate().plusDays(1), today) : 0));
        }

        YearMonth thisMonth = YearMonth.from(today);
        List<Instant> bounds = new ArrayList<>();
        for (int i = 11; i >= -1; i--) {
            bounds.add(thisMonth.minusMonths(i).atDay(1).atStartOfDay(DeadlineCalculator.HELSINKI).toInstant());
        }
        List<RequestDeadlines.Answered> answered = deadlines.answeredPerPeriod(bounds);
        List<Month> months = new ArrayList<>();
        long total = 0;
        long onTime = 0;
        for (int i = 0; i < answered.size(); i++) {
            months.add(new Month(thisMonth.minusMonths(11 - i), answered.get(i).answered(), answered.get(i).onTime()));
            total += answered.get(i).answered();
            onTime += answered.get(i).onTime();
        }
        return new View(today, rows, page, pages, open, deadlines.countsByTypeAndStatus(bounds.get(0)), months,
                total, onTime);
    }
}
