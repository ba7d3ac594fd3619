package fi.kivaq.dsr.deadline;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import fi.kivaq.dsr.DsrApplication;
import fi.kivaq.dsr.security.StaffGroups;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.support.BenchmarkLogin;

/**
 * Not a test: {@code bench/dashboard-benchmark.sh} (or {@code ./mvnw -B -Pdashboard-benchmark test-compile exec:java
 * -Ddsr.bench.db=jdbc:postgresql://…}). Starts the application on a scratch database, loads 100,000 historic and
 * 1,000 open requests when the database has none, logs in as a manager and times {@code GET /staff/dashboard}
 * (the whole page: queries, engine look-ups, Thymeleaf) over HTTP, printing the median and 95th percentile.
 */
public final class DashboardBenchmark {

    private static final int HISTORIC = 100_000;
    private static final int OPEN = 1_000;
    private static final int WARM_UP = 20;
    private static final int RUNS = 100;

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("dsr.bench.db", "jdbc:postgresql://127.0.0.1:5432/dsr_bench_deadlines");
        ConfigurableApplicationContext app = SpringApplication.run(DsrApplication.class,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("dsr.bench.user", "postgres"),
                "--spring.datasource.password=" + System.getProperty("dsr.bench.password", ""),
                "--server.port=0", "--dsr.demo.enabled=false", "--dsr.mail-sink.enabled=false",
                "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN");
        try {
            load(app.getBean(DataSource.class));
            BenchmarkLogin.ensureUser(app.getBean(IdentityService.class), "benchmanager", StaffGroups.STAFF,
                    StaffGroups.MANAGERS);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            BenchmarkLogin.login(http, "http://127.0.0.1:" + port, "benchmanager");
            URI dashboard = URI.create("http://127.0.0.1:" + port + "/staff/dashboard");
            for (int i = 0; i < WARM_UP; i++) {
                get(http, dashboard);
            }
            List<Double> millis = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                bytes = get(http, dashboard).length();
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("dashboard page (%d bytes) over %d runs on %s: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    bytes, RUNS, url, millis.get(RUNS / 2), millis.get((int) Math.ceil(RUNS * 0.95) - 1),
                    millis.get(RUNS - 1));
        } finally {
            app.close();
        }
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("dashboard answered " + response.statusCode());
        }
        return response.body();
    }

    /** Generated requests without personal data beyond made-up .example addresses; no processes behind them. */
    private static void load(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            var rs = c.createStatement().executeQuery("select count(*) from dsr_request");
            rs.next();
            if (rs.getLong(1) >= HISTORIC) {
                System.out.println("data already loaded: " + rs.getLong(1) + " requests");
                return;
            }
            c.setAutoCommit(false);
            DeadlineCalculator calculator = new DeadlineCalculator();
            Random random = new Random(42);
            String[] types = {"ACCESS", "RECTIFICATION", "UNSUBSCRIBE", "DELETION"};
            Instant now = Instant.now();
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into dsr_request (reference, type, status, channel, language, requester_email,
                        requester_email_normalised, received_at, due_date, original_due_date, verification_state,
                        closed_at, overdue_since)
                    values (?, ?, ?, 'WEB_FORM', 'fi', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < HISTORIC + OPEN; i++) {
                    boolean open = i >= HISTORIC;
                    Instant received = open ? now.minusSeconds(random.nextInt(60 * 24 * 3600))
                            : now.minusSeconds(40L * 24 * 3600 + random.nextInt(5 * 365 * 24 * 3600));
                    LocalDate due = calculator.dueDate(received);
                    String email = "bench" + i + "@bench.example";
                    insert.setString(1, "BENCH-" + i);
                    insert.setString(2, types[random.nextInt(types.length)]);
                    Instant closed = null;
                    Instant overdueSince = null;
                    String status;
                    if (open) {
                        status = random.nextBoolean() ? "IN_PROGRESS" : "AWAITING_VERIFICATION";
                    } else if (random.nextInt(20) == 0) {
                        status = "CLOSED_UNVERIFIED";
                        closed = received.plusSeconds(7L * 24 * 3600);
                    } else {
                        status = "COMPLETED";
                        boolean late = random.nextInt(25) == 0;
                        closed = received.plusSeconds((late ? 35L : 1L + random.nextInt(25)) * 24 * 3600);
                        overdueSince = late ? DeadlineTimers.overdueAt(due).toInstant() : null;
                    }
                    insert.setString(3, status);
                    insert.setString(4, email);
                    insert.setString(5, email);
                    insert.setObject(6, received.atOffset(ZoneOffset.UTC));
                    insert.setObject(7, due);
                    insert.setObject(8, due);
                    insert.setString(9, open ? "PENDING" : "VERIFIED");
                    insert.setObject(10, closed == null ? null : closed.atOffset(ZoneOffset.UTC));
                    insert.setObject(11, overdueSince == null ? null : overdueSince.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.createStatement().execute("analyze dsr_request");
            System.out.printf("loaded %d historic and %d open requests in %.1f s%n", HISTORIC, OPEN,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
