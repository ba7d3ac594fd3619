package fi.kivaq.dsr.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.ForegroundFirst;

/**
 * Sends outbox rows over SMTP, exactly once in every fault but one (README, "Outbox").
 * <ul>
 * <li><b>Claim.</b> A row is claimed with a conditional update ({@code PENDING} → {@code SENDING}, with a lease)
 * before it is sent, so two dispatchers (two threads or two nodes on one database) never both send it.</li>
 * <li><b>Accepted but not marked.</b> When the SMTP server has accepted a mail and the row cannot be marked
 * {@code SENT} (the database is away), this node remembers it and marks it before it does anything else once the
 * database answers; meanwhile it keeps renewing the row's lease, so nobody sends it again.</li>
 * <li><b>Leases.</b> A living node renews the leases of the rows it holds every sixth of the lease. Another node
 * takes a row over only when its lease has expired and is still the same expired lease half a lease later: a
 * living node that has just got its database back renews it in that time, a dead node does not.</li>
 * <li><b>Lanes.</b> Links (a person waiting), newsletters (at {@code dsr.mail.newsletter-rate} per second) and
 * everything else are sent by three threads, each over one SMTP
 * connection kept open while its lane has rows due; a commit that writes a row wakes its lane at once, the poll
 * ({@code dsr.mail.dispatch-interval}) only catches retries and rows other nodes wrote.</li>
 * <li><b>Lists.</b> A mailing list's mail goes only if its list's owner ({@link ListMembership}) still counts the
 * recipient in when the row has been claimed; otherwise the row is {@code CANCELLED}.</li>
 * </ul>
 * Each row keeps one Message-ID for all its attempts. A failed send is retried with exponential back-off.
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 50;

    /** The two queues of the outbox, by {@code outbox_mail.priority}. */
    public enum Lane {
        /** A single-use link a person is waiting for. */
        LINKS(0),
        /** Letters, notices, staff mails. */
        OTHERS(1),
        /** Newsletter issues: many at once, paced, never ahead of the others. */
        NEWSLETTER(2);

        private final int priority;

        Lane(int priority) {
            this.priority = priority;
        }

        int priority() {
            return priority;
        }
    }

    private final JdbcClient jdbc;
    private final JavaMailSenderImpl mailSender;
    private final MailProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final List<ListMembership> lists;
    private final ForegroundFirst foreground;

    /** Rows this node has claimed and not yet finished: their leases are renewed. */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    /** Rows the SMTP server accepted whose SENT mark did not reach the database, with the time of acceptance. */
    private final Map<Long, OffsetDateTime> acceptedUnmarked = new ConcurrentHashMap<>();
    /** Other nodes' expired leases as first seen here: taken over only if unchanged {@link #takeOverGrace()} later. */
    private final Map<Long, ExpiredLease> expiredLeases = new HashMap<>();

    /** One per worker thread of each lane: a commit that writes a row of the lane wakes all of them. */
    private final Map<Lane, List<Semaphore>> wakeUps = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService leaseKeeper;
    private volatile boolean running;
    private volatile boolean stopping;

    public OutboxDispatcher(JdbcClient jdbc, JavaMailSender mailSender, MailProperties properties, Clock clock,
                            ApplicationEventPublisher events, List<ListMembership> lists,
                            ForegroundFirst foreground) {
        this.jdbc = jdbc;
        this.foreground = foreground;
        this.lists = List.copyOf(lists);
        this.events = events;
        this.mailSender = (JavaMailSenderImpl) mailSender;
        this.properties = properties;
        this.clock = clock;
        for (Lane lane : Lane.values()) {
            List<Semaphore> perThread = new ArrayList<>();
            for (int i = 0; i < threads(lane); i++) {
                perThread.add(new Semaphore(0));
            }
            wakeUps.put(lane, List.copyOf(perThread));
        }
        useOneStreamProvider();
    }

    /**
     * Jakarta Mail looks its {@link StreamProvider} up through the service loader on every encoded body part unless a
     * system property names the class; naming the one it found once makes that a plain class lookup.
     */
    private static void useOneStreamProvider() {
        String key = StreamProvider.class.getName();
        if (System.getProperty(key) == null) {
            System.setProperty(key, StreamProvider.provider().getClass().getName());
        }
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    @Override
    public synchronized void start() {
        running = true;
        stopping = false;
        for (Lane lane : Lane.values()) {
            int threads = threads(lane);
            for (int i = 0; i < threads; i++) {
                int index = i;
                Thread worker = new Thread(() -> work(lane, index, threads),
                        "outbox-" + lane.name().toLowerCase() + (threads > 1 ? "-" + i : ""));
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-leases");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(100, properties.lease().toMillis() / 6);
        leaseKeeper.scheduleWithFixedDelay(this::keepLeases, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopping = true;
        wakeUps.values().forEach(lane -> lane.forEach(Semaphore::release));
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        if (leaseKeeper != null) {
            leaseKeeper.shutdownNow();
            leaseKeeper = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A row of this lane was committed: send it now rather than at the next poll. */
    void wake(Lane lane) {
        wakeUps.get(lane).forEach(Semaphore::release);
    }

    /**
     * The links' lane has {@code dsr.mail.link-threads} threads, each over its own SMTP connection, so that a burst
     * of filings does not queue its links behind one connection's round trips; the other lanes one each.
     */
    private int threads(Lane lane) {
        return lane == Lane.LINKS ? Math.max(1, properties.linkThreads()) : 1;
    }

    private void work(Lane lane, int index, int threads) {
        Semaphore wakeUp = wakeUps.get(lane).get(index);
        while (running) {
            try {
                dispatch(lane, index, threads);
            } catch (RuntimeException e) {
                log.warn("Outbox lane {} stopped this round: {}", lane, e.toString());
            }
            try {
                wakeUp.tryAcquire(properties.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- sending

    /** One round of a node, in this thread: leases kept, then every due row of both lanes sent. */
    public void dispatchDue() {
        keepLeases();
        for (Lane lane : Lane.values()) {
            dispatch(lane, 0, 1);
        }
    }

    /** Number of rows waiting to be sent (pending or being sent); the mail dispatcher's health. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox_mail where status in ('PENDING', 'SENDING')")
                .query(Long.class).single();
    }

    /** Sends the lane's due rows; thread {@code index} of {@code threads} starts at its share of each batch. */
    private void dispatch(Lane lane, int index, int threads) {
        if (!markAcceptedRows()) {
            return;
        }
        Connection smtp = new Connection();
        Pace pace = lane == Lane.NEWSLETTER ? new Pace(properties.newsletterInterval()) : Pace.NONE;
        try {
            List<Long> due;
            do {
                due = jdbc.sql("""
                                select id from outbox_mail
                                where priority = :priority and status = 'PENDING' and next_attempt_at <= :now
                                order by id fetch first %d rows only""".formatted(BATCH))
                        .param("priority", lane.priority()).param("now", now()).query(Long.class).list();
                for (Long id : rotated(due, index * due.size() / threads)) {
                    if (stopping) {
                        return;
                    }
                    pace.await();
                    if (lane != Lane.LINKS) {
                        foreground.yieldToRequests();
                    }
                    if (claim(id) && !send(id, smtp)) {
                        return; // the database is away: nothing more until it answers
                    }
                }
            } while (due.size() == BATCH);
        } finally {
            smtp.close();
        }
    }

    /** The lane's threads claim from different places of the same batch, so that they seldom ask for one row. */
    private static List<Long> rotated(List<Long> due, int start) {
        if (start == 0) {
            return due;
        }
        List<Long> rotated = new ArrayList<>(due.subList(start, due.size()));
        rotated.addAll(due.subList(0, start));
        return rotated;
    }

    private boolean claim(long id) {
        held.add(id);
        boolean claimed = jdbc.sql("""
                        update outbox_mail set status = 'SENDING', attempts = attempts + 1, locked_until = :leaseEnd
                        where id = :id and status = 'PENDING'""")
                .param("leaseEnd", now().plus(properties.lease()))
                .param("id", id)
                .update() == 1;
        if (!claimed) {
            held.remove(id);
        }
        return claimed;
    }

    private record Row(long id, String messageId, String recipient, String subject, String textBody, String htmlBody,
                       String listUnsubscribeUrl, String listId, String attachmentName, String attachmentType,
                       byte[] attachment, int attempts) {
    }

    /** Spaces a lane's sends: at most one per interval. */
    private static final class Pace {
        static final Pace NONE = new Pace(Duration.ZERO);

        private final long intervalNanos;
        private long next = System.nanoTime();

        Pace(Duration interval) {
            this.intervalNanos = interval.toNanos();
        }

        void await() {
            if (intervalNanos == 0) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            next = Math.max(next, System.nanoTime()) + intervalNanos;
        }
    }

    /**
     * Sends one claimed row; false when the round must end: the database went away after the SMTP server accepted
     * the mail, or the SMTP server cannot be reached.
     */
    private boolean send(long id, Connection smtp) {
        try {
            Row row = jdbc.sql("""
                            select id, message_id, recipient, subject, text_body, html_body, list_unsubscribe_url,
                                   list_id, attachment_name, attachment_type, attachment, attempts
                            from outbox_mail where id = :id""")
                    .param("id", id).query(Row.class).single();
            if (row.listId() != null && !stillOnList(row)) {
                cancel(id);
                return true;
            }
            try {
                smtp.send(toMimeMessage(row));
            } catch (MessagingException | RuntimeException e) {
                smtp.close(); // the next row gets a fresh connection
                if (serverAway(e)) {
                    waitForServer(row, e);
                    return false; // every other row would meet the same closed door: the round ends
                }
                failed(row, e);
                return true;
            }
            OffsetDateTime acceptedAt = now();
            try {
                markSent(id, acceptedAt);
            } catch (DataAccessException e) {
                acceptedUnmarked.put(id, acceptedAt);
                log.warn("Outbox mail {} was accepted by the SMTP server but cannot be marked sent ({}); this node "
                        + "keeps its lease and marks it when the database answers", id, e.getMessage());
                return false;
            }
            return true;
        } finally {
            if (!acceptedUnmarked.containsKey(id)) {
                held.remove(id);
            }
        }
    }

    /**
     * The row was accepted by the SMTP server: SENT, whatever became of its lease meanwhile, and what only the
     * sending needed (the attachment, kept in {@code response_letter}; the HTML copy of the text) is dropped.
     */
    private void markSent(long id, OffsetDateTime acceptedAt) {
        jdbc.sql("""
                        update outbox_mail set status = 'SENT', sent_at = :sentAt, locked_until = null, last_error = null,
                               attachment = null, html_body = null
                        where id = :id""")
                .param("sentAt", acceptedAt).param("id", id).update();
        announceSent(id);
    }

    /** Asked after the claim: a withdrawal committed before it stops the mail. Nobody answering: not on the list. */
    private boolean stillOnList(Row row) {
        return lists.stream().filter(list -> list.answersFor(row.listId())).findFirst()
                .map(list -> list.stillOnList(row.listId(), row.recipient())).orElse(false);
    }

    /** The recipient left the list: the mail never goes, and what only the sending needed is dropped. */
    private void cancel(long id) {
        jdbc.sql("""
                        update outbox_mail set status = 'CANCELLED', locked_until = null, html_body = null
                        where id = :id""")
                .param("id", id).update();
        announceSent(id); // it has left the outbox: whoever waits for the address's mails stops waiting
    }

    /** Tells whoever waits for a request's mails (an erasure's clean-up) that this one has left. */
    private void announceSent(long id) {
        Long requestId = jdbc.sql("select request_id from outbox_mail where id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("request_id", Long.class))).single().orElse(null);
        events.publishEvent(new MailSent(id, requestId));
    }

    private void failed(Row row, Exception e) {
        boolean giveUp = row.attempts() >= properties.maxAttempts();
        log.warn("Sending outbox mail {} failed (attempt {}{}): {}", row.id(), row.attempts(),
                giveUp ? ", giving up" : "", e.getMessage());
        jdbc.sql("""
                        update outbox_mail set status = :status, locked_until = null, last_error = :error,
                               next_attempt_at = :next
                        where id = :id""")
                .param("status", giveUp ? "FAILED" : "PENDING")
                .param("error", abbreviate(String.valueOf(e.getMessage()), 1000))
                .param("next", now().plus(properties.retryDelay(row.attempts())))
                .param("id", row.id())
                .update();
    }

    /**
     * Whether the SMTP server could not be reached or the connection to it broke (refused, reset, timed out), as
     * opposed to a server that answered and refused this mail: the server's outage, not the mail's failure.
     */
    static boolean serverAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.io.IOException || cause.getClass().getSimpleName().equals("MailConnectException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SMTP server is away: the row goes back to the queue without using one of its attempts, due again after a
     * short pause ({@link #serverAwayRetry()}), so that an outage of any length neither gives mails up nor leaves
     * them waiting out a long back-off once the server is back.
     */
    private void waitForServer(Row row, Exception e) {
        log.warn("The SMTP server cannot be reached ({}); outbox mail {} and the others wait, tried again in {} ms",
                e.getMessage(), row.id(), serverAwayRetry().toMillis());
        jdbc.sql("""
                        update outbox_mail set status = 'PENDING', attempts = attempts - 1, locked_until = null,
                               last_error = :error, next_attempt_at = :next
                        where id = :id""")
                .param("error", abbreviate("SMTP server unreachable: " + e.getMessage(), 1000))
                .param("next", now().plus(serverAwayRetry()))
                .param("id", row.id())
                .update();
    }

    /** How soon a mail is tried again after the SMTP server could not be reached: the first retry delay, at most 5 s. */
    private Duration serverAwayRetry() {
        Duration cap = Duration.ofSeconds(5);
        return properties.firstRetryDelay().compareTo(cap) < 0 ? properties.firstRetryDelay() : cap;
    }

    /** Marks the rows accepted while the database was away; false while it still is. */
    private boolean markAcceptedRows() {
        for (Map.Entry<Long, OffsetDateTime> accepted : acceptedUnmarked.entrySet()) {
            try {
                markSent(accepted.getKey(), accepted.getValue());
            } catch (DataAccessException e) {
                return false;
            }
            acceptedUnmarked.remove(accepted.getKey());
            held.remove(accepted.getKey());
            log.info("Outbox mail {} marked sent after the database came back", accepted.getKey());
        }
        return true;
    }

    /**
     * Spring's own message class, so that every message shares the sender's file type map; the Message-ID is put
     * back after {@code saveChanges()}, as Spring's sender does, so each row keeps one for all its attempts.
     */
    private MimeMessage toMimeMessage(Row row) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        boolean multipart = row.htmlBody() != null || row.attachment() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(row.recipient());
        helper.setSubject(row.subject());
        if (row.htmlBody() != null) {
            helper.setText(row.textBody(), row.htmlBody());
        } else {
            helper.setText(row.textBody());
        }
        if (row.attachment() != null) {
            helper.addAttachment(row.attachmentName(), new ByteArrayResource(row.attachment()), row.attachmentType());
        }
        if (row.listUnsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + row.listUnsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (row.listId() != null) {
            message.setHeader("List-Id", row.listId());
        }
        message.setSentDate(new Date(clock.millis()));
        message.saveChanges();
        message.setHeader("Message-ID", row.messageId());
        return message;
    }

    /** One SMTP connection, opened for the first mail of a round and kept for the rest of it. */
    private final class Connection {
        private Transport transport;

        void send(MimeMessage message) throws MessagingException {
            if (transport == null || !transport.isConnected()) {
                close();
                String protocol = mailSender.getProtocol() == null ? "smtp" : mailSender.getProtocol();
                String username = mailSender.getUsername();
                String password = mailSender.getPassword();
                if ("".equals(username)) {
                    username = null;
                    password = "".equals(password) ? null : password;
                }
                transport = mailSender.getSession().getTransport(protocol);
                transport.connect(mailSender.getHost(), mailSender.getPort(), username, password);
            }
            transport.sendMessage(message, message.getAllRecipients());
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // the server went away; nothing to close
                }
                transport = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- leases

    private record ExpiredLease(OffsetDateTime lockedUntil, Instant firstSeen) {
    }

    private record Lease(long id, OffsetDateTime lockedUntil) {
    }

    /** The lease keeper's round: rows accepted meanwhile marked, our leases renewed, dead nodes' rows taken over. */
    void keepLeases() {
        try {
            if (!markAcceptedRows()) {
                return;
            }
            renewHeldLeases();
            takeOverAbandonedRows();
        } catch (RuntimeException e) {
            log.debug("Outbox leases not kept this round: {}", e.toString());
        }
    }

    private void renewHeldLeases() {
        if (held.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox_mail set locked_until = :leaseEnd where id in (:ids) and status = 'SENDING'")
                .param("leaseEnd", now().plus(properties.lease()))
                .param("ids", List.copyOf(held))
                .update();
    }

    /**
     * A lease that expired is taken over only when the same expired lease is still there {@link #takeOverGrace()}
     * later: a node that lost the database for longer than the lease renews it (or marks the row sent) in that time.
     */
    private synchronized void takeOverAbandonedRows() {
        List<Lease> expired = jdbc.sql("""
                        select id, locked_until from outbox_mail where status = 'SENDING' and locked_until < :now""")
                .param("now", now()).query(Lease.class).list();
        Instant now = clock.instant();
        Map<Long, ExpiredLease> stillExpired = new HashMap<>();
        int released = 0;
        for (Lease lease : expired) {
            if (held.contains(lease.id())) {
                continue;
            }
            ExpiredLease seen = expiredLeases.get(lease.id());
            if (seen == null || !seen.lockedUntil().isEqual(lease.lockedUntil())) {
                stillExpired.put(lease.id(), new ExpiredLease(lease.lockedUntil(), now));
            } else if (Duration.between(seen.firstSeen(), now).compareTo(takeOverGrace()) >= 0) {
                released += jdbc.sql("""
                                update outbox_mail set status = 'PENDING', locked_until = null
                                where id = :id and status = 'SENDING' and locked_until = :seen""")
                        .param("id", lease.id()).param("seen", lease.lockedUntil()).update();
            } else {
                stillExpired.put(lease.id(), seen);
            }
        }
        expiredLeases.clear();
        expiredLeases.putAll(stillExpired);
        if (released > 0) {
            log.warn("Took over {} outbox mail(s) whose sender stopped renewing its lease", released);
            wakeUps.values().forEach(lane -> lane.forEach(Semaphore::release));
        }
    }

    /** Longer than a living node needs to renew its leases: three of its rounds (a sixth of the lease each). */
    private Duration takeOverGrace() {
        return properties.lease().dividedBy(2);
    }

    private OffsetDateTime now() {
        // millisecond precision: every database keeps it, so a lease read back compares equal to the one written
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
