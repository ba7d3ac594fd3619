package fi.kivaq.dsr.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.RequestChannel;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.RequestType;

/**
 * The staff's request list: search, filters, sort and keyset pages over {@code dsr_request}. A page continues from
 * the last (or first) row of the page before it ({@link Cursor}), so the database walks an index from there
 * ({@code ix_request_received}, {@code ix_request_due}) instead of counting past every earlier row; a bare page
 * number (a typed {@code ?page=3}) still works, by offset.
 */
@Service
public class RequestList {

    /** The order of the list; each is a keyset over an index. */
    public enum Sort { NEWEST, OLDEST, DUE }

    /**
     * How close the deadline of a request being handled is. Only verified requests being handled
     * ({@link RequestStatus#IN_PROGRESS}) have a running deadline: an unconfirmed request is not late.
     */
    public enum DueWindow { OVERDUE, NEXT_7_DAYS, NEXT_30_DAYS }

    /**
     * What to list. {@code term} is a reference, an address or part of a name; {@code contactIds} are the register's
     * contacts that the term found (their requests match too); {@code references}, when not null, limits the list
     * to these requests (e.g. those with a task assigned to someone).
     */
    public record Criteria(String term, Collection<Long> contactIds, RequestType type, RequestStatus status,
                           RequestChannel channel, DueWindow due, LocalDate today, Collection<String> references,
                           Sort sort) {

        public Criteria {
            term = term == null ? "" : term.strip();
            contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
            sort = sort == null ? Sort.NEWEST : sort;
        }

        /** The term is a request reference (nobody's personal data), e.g. {@code DSR-2026-00042}. */
        public boolean searchesByReference() {
            return REFERENCE.matcher(term).matches();
        }
    }

    /** Where a page starts: after (or before) the row with this sort key and id. Opaque in links. */
    public record Cursor(Sort sort, long key, int nanos, long id) {

        private static final Pattern FORMAT = Pattern.compile("([NOD])(-?\\d{1,19})\\.(\\d{1,9})\\.(\\d{1,19})");

        static Cursor of(Sort sort, DsrRequest row) {
            if (sort == Sort.DUE) {
                return new Cursor(sort, dueKey(row.dueDate()), 0, row.id());
            }
            return new Cursor(sort, row.receivedAt().getEpochSecond(), row.receivedAt().getNano(), row.id());
        }

        /** A cursor from a link, if it is one of this sort's; anything else starts from the first page. */
        public static Optional<Cursor> parse(String text, Sort sort) {
            if (text == null) {
                return Optional.empty();
            }
            Matcher m = FORMAT.matcher(text);
            if (!m.matches() || m.group(1).charAt(0) != sort.name().charAt(0)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(sort, Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                        Long.parseLong(m.group(4))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return sort.name().charAt(0) + "" + key + "." + nanos + "." + id;
        }

        Object keyValue() {
            return sort == Sort.DUE ? LocalDate.ofEpochDay(key)
                    : Instant.ofEpochSecond(key, nanos).atOffset(ZoneOffset.UTC);
        }
    }

    /** One page; {@code next}/{@code previous} are null where there is none. */
    public record Page(List<DsrRequest> rows, Cursor next, Cursor previous) {
    }

    /** Only for the cursor of a row without a due date, which receipt never leaves. */
    private static final LocalDate NO_DUE_DATE = LocalDate.of(9999, 12, 31);
    private static final Pattern REFERENCE = Pattern.compile("(?i)DSR-\\d{4}-\\d{5,}");
    private static final String COLUMNS = """
            id, reference, type, status, channel, language, requester_email, requester_name, details, contact_id,
            received_at, due_date, verification_state, verification_requested_at, verified_at, closed_at""";

    private final JdbcClient jdbc;

    RequestList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of {@code size} rows: after {@code after}, before {@code before}, or else skipping {@code offset} rows.
     */
    public Page page(Criteria criteria, Cursor after, Cursor before, int offset, int size) {
        if (criteria.references() != null && criteria.references().isEmpty()) {
            return new Page(List.of(), null, null);
        }
        Sort sort = criteria.sort();
        boolean backwards = after == null && before != null;
        Cursor from = backwards ? before : after;
        StringBuilder where = new StringBuilder("reference is not null");
        List<Object[]> params = new ArrayList<>();
        filters(criteria, where, params);
        String key = sort == Sort.DUE ? "due_date" : "received_at"; // due_date is set on receipt, never null
        boolean descending = sort == Sort.NEWEST;
        if (from != null) {
            // row-value comparison, which both databases answer from the (key, id) index
            boolean greater = descending == backwards;
            where.append(" and (").append(key).append(", id) ").append(greater ? ">" : "<").append(" (:ck, :cid)");
            params.add(new Object[] {"ck", from.keyValue()});
            params.add(new Object[] {"cid", from.id()});
        }
        boolean descendingNow = descending != backwards;
        String direction = descendingNow ? " desc" : "";
        String sql = "select " + COLUMNS + " from dsr_request where " + where + " order by " + key + direction
                + ", id" + direction + (from == null && offset > 0 ? " offset " + offset + " rows" : "")
                + " fetch first " + (size + 1) + " rows only";
        var statement = jdbc.sql(sql);
        for (Object[] param : params) {
            statement = statement.param((String) param[0], param[1]);
        }
        List<DsrRequest> rows = new ArrayList<>(statement.query(RequestRepository::map).list());
        boolean more = rows.size() > size;
        if (more) {
            rows.remove(size);
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new Page(List.of(), null, null);
        }
        boolean hasNext = backwards || more;
        boolean hasPrevious = backwards ? more : (from != null || offset > 0);
        return new Page(List.copyOf(rows), hasNext ? Cursor.of(sort, rows.get(rows.size() - 1)) : null,
                hasPrevious ? Cursor.of(sort, rows.get(0)) : null);
    }

    private static void filters(Criteria c, StringBuilder where, List<Object[]> params) {
        if (!c.term().isEmpty()) {
            List<String> any = new ArrayList<>();
            if (c.searchesByReference()) {
                any.add("reference = :reference");
                params.add(new Object[] {"reference", c.term().toUpperCase(Locale.ROOT)});
            } else {
                if (c.term().contains("@")) {
                    any.add("requester_email_normalised = :email");
                    params.add(new Object[] {"email", EmailAddresses.normalise(c.term())});
                } else {
                    any.add("lower(requester_name) like :name escape '\\'");
                    params.add(new Object[] {"name", "%" + likeEscaped(c.term().toLowerCase(Locale.ROOT)) + "%"});
                }
                if (!c.contactIds().isEmpty()) {
                    any.add("contact_id in (:contacts)");
                    params.add(new Object[] {"contacts", c.contactIds()});
                }
            }
            where.append(" and (").append(String.join(" or ", any)).append(")");
        }
        if (c.type() != null) {
            where.append(" and type = :type");
            params.add(new Object[] {"type", c.type().name()});
        }
        if (c.status() != null) {
            where.append(" and status = :status");
            params.add(new Object[] {"status", c.status().name()});
        }
        if (c.channel() != null) {
            where.append(" and channel = :channel");
            params.add(new Object[] {"channel", c.channel().name()});
        }
        if (c.due() != null) {
            where.append(" and status = '").append(RequestStatus.IN_PROGRESS.name()).append("'");
            switch (c.due()) {
                case OVERDUE -> where.append(" and due_date < :today");
                case NEXT_7_DAYS -> where.append(" and due_date >= :today and due_date <= :until");
                case NEXT_30_DAYS -> where.append(" and due_date >= :today and due_date <= :until");
            }
            params.add(new Object[] {"today", c.today()});
            if (c.due() != DueWindow.OVERDUE) {
                params.add(new Object[] {"until", c.today().plusDays(c.due() == DueWindow.NEXT_7_DAYS ? 7 : 30)});
            }
        }
        if (c.references() != null) {
            where.append(" and reference in (:references)");
            params.add(new Object[] {"references", c.references()});
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static long dueKey(LocalDate dueDate) {
        return (dueDate == null ? NO_DUE_DATE : dueDate).toEpochDay();
    }
}
