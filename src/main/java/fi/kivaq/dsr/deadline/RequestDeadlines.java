package fi.kivaq.dsr.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The deadline side of {@code dsr_request}: due dates, extension, overdue state, and the aggregate queries of the
 * dashboard, the digest and the gauges. Only references, types, statuses and dates: no personal data.
 */
@Repository
public class RequestDeadlines {

    /** A request's deadline state. {@code dueDate} is the deadline in force (extended or not). */
    public record Deadline(long id, String reference, RequestType type, RequestStatus status, Instant receivedAt,
                           LocalDate dueDate, LocalDate originalDueDate, Instant extendedAt, String extensionReason,
                           Instant overdueSince) {

        public boolean isOpen() {
            return RequestDeadlines.isOpen(status);
        }

        public boolean isExtended() {
            return extendedAt != null;
        }
    }

    /** Number of requests of one type in one status. */
    public record TypeStatusCount(RequestType type, RequestStatus status, long count) {
    }

    /** Open requests of one type: all, those due within the reminder window, those past their due date. */
    public record OpenByType(RequestType type, long open, long atRisk, long overdue) {
    }

    /** Answered requests in one period, and how many of them were answered by the due date. */
    public record Answered(long answered, long onTime) {
    }

    private static final String COLUMNS = """
            id, reference, type, status, received_at, due_date, original_due_date, extended_at, extension_reason,
            overdue_since""";

    /** Every status that is not final; in SQL as a literal list so that the (status, due_date) index is used. */
    static final String OPEN_STATUSES = Arrays.stream(RequestStatus.values()).filter(RequestDeadlines::isOpen)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final JdbcClient jdbc;

    RequestDeadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean isOpen(RequestStatus status) {
        return status != RequestStatus.COMPLETED && status != RequestStatus.CLOSED_UNVERIFIED;
    }

    public Optional<Deadline> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where id = :id")
                .param("id", id).query(RequestDeadlines::map).optional();
    }

    public Optional<Deadline> findByReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where reference = :reference")
                .param("reference", reference).query(RequestDeadlines::map).optional();
    }

    /**
     * Moves the deadline of an open, not yet extended request; the first due date stays in
     * {@code original_due_date}. Conditional, so that two managers extending at once extend only once.
     *
     * @return whether the request was extended
     */
    boolean extend(long id, LocalDate newDueDate, Instant at, String manager, String reason) {
        return jdbc.sql("""
                        update dsr_request set original_due_date = coalesce(original_due_date, due_date),
                            due_date = :due, extended_at = :at, extended_by = :manager, extension_reason = :reason
                        where id = :id and extended_at is null and status in """ + OPEN_STATUSES)
                .param("due", newDueDate).param("at", utc(at)).param("manager", manager).param("reason", reason)
                .param("id", id).update() == 1;
    }

    /** Records the moment the request became overdue, once (also for requests answered before this system). */
    public boolean markOverdue(long id, Instant since) {
        return jdbc.sql("update dsr_request set overdue_since = :since where id = :id and overdue_since is null")
                .param("since", utc(since)).param("id", id).update() == 1;
    }

    public long countOpen() {
        return jdbc.sql("select count(*) from dsr_request where status in " + OPEN_STATUSES)
                .query(Long.class).single();
    }

    /** One page of the open requests, the nearest deadline first. */
    public List<Deadline> openByDueDate(int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where status in " + OPEN_STATUSES
                        + " order by due_date, id offset " + offset + " rows fetch next " + limit + " rows only")
                .query(RequestDeadlines::map).list();
    }

    /** Open requests due on or before {@code dueOnOrBefore} (overdue ones included), nearest deadline first. */
    public List<Deadline> openDueBy(LocalDate dueOnOrBefore) {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where status in " + OPEN_STATUSES
                        + " and due_date <= :limit order by due_date, id")
                .param("limit", dueOnOrBefore).query(RequestDeadlines::map).list();
    }

    public List<Deadline> openExtended() {
        return jdbc.sql("select " + COLUMNS + " from dsr_request where status in " + OPEN_STATUSES
                        + " and extended_at is not null order by due_date, id")
                .query(RequestDeadlines::map).list();
    }

    /** Open requests by type and status, plus those closed since {@code closedSince}. */
    public List<TypeStatusCount> countsByTypeAndStatus(Instant closedSince) {
        return jdbc.sql("""
                        select type, status, count(*) as n from dsr_request where status in %1$s group by type, status
                        union all
                        select type, status, count(*) as n from dsr_request
                        where status not in %1$s and closed_at >= :since group by type, status""".formatted(OPEN_STATUSES))
                .param("since", utc(closedSince))
                .query((rs, row) -> new TypeStatusCount(RequestType.valueOf(rs.getString("type")),
                        RequestStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
    }

    /**
     * Open requests per type: all of them, those due from {@code today} to {@code atRiskUntil} and those due
     * before {@code today}, in one pass over the open rows.
     */
    public List<OpenByType> openByType(LocalDate today, LocalDate atRiskUntil) {
        return jdbc.sql("""
                        select type, count(*) as n,
                            sum(case when due_date >= :today and due_date <= :riskLimit then 1 else 0 end) as at_risk,
                            sum(case when due_date < :today then 1 else 0 end) as overdue
                        from dsr_request where status in %s group by type""".formatted(OPEN_STATUSES))
                .param("today", today).param("riskLimit", atRiskUntil)
                .query((rs, row) -> new OpenByType(RequestType.valueOf(rs.getString("type")), rs.getLong("n"),
                        rs.getLong("at_risk"), rs.getLong("overdue")))
                .list();
    }

    /**
     * Requests answered (COMPLETED) in each period {@code [bounds[i], bounds[i+1])}, and how many of those never
     * became overdue, in one indexed range scan.
     */
    public List<Answered> answeredPerPeriod(List<Instant> bounds) {
        if (bounds.size() < 2) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < bounds.size() - 1; i++) {
            String in = "closed_at >= :b" + i + " and closed_at < :b" + (i + 1);
            sql.append(i == 0 ? "" : ", ")
                    .append("sum(case when ").append(in).append(" then 1 else 0 end) as n").append(i)
                    .append(", sum(case when ").append(in).append(" and overdue_since is null then 1 else 0 end) as t")
                    .append(i);
        }
        sql.append(" from dsr_request where status = 'COMPLETED' and closed_at >= :b0 and closed_at < :b")
                .append(bounds.size() - 1);
        var statement = jdbc.sql(sql.toString());
        for (int i = 0; i < bounds.size(); i++) {
            statement = statement.param("b" + i, utc(bounds.get(i)));
        }
        int periods = bounds.size() - 1;
        return statement.query((rs, row) -> {
            List<Answered> result = new java.util.ArrayList<>();
            for (int i = 0; i < periods; i++) {
                result.add(new Answered(rs.getLong("n" + i), rs.getLong("t" + i)));
            }
            return result;
        }).single();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Deadline map(ResultSet rs, int row) throws SQLException {
        return new Deadline(rs.getLong("id"), rs.getString("reference"), RequestType.valueOf(rs.getString("type")),
                RequestStatus.valueOf(rs.getString("status")), instant(rs, "received_at"),
                rs.getObject("due_date", LocalDate.class), rs.getObject("original_due_date", LocalDate.class),
                instant(rs, "extended_at"), rs.getString("extension_reason"), instant(rs, "overdue_since"));
    }
}
