package fi.kivaq.dsr.staff;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Not a test: {@code bench/request-list-benchmark.sh}. Starts the application on a scratch database, loads 100,000
 * requests when it has fewer, logs in as staff and times the request list at {@code /staff} over HTTP (the whole
 * page: queries, register search, engine look-ups, Thymeleaf): the first page, the 200th page reached by its keyset
 * link, the same page typed as {@code ?page=200} (offset, for comparison), a search by name and by address, the
 * overdue filter and the nearest-deadline order. Prints median and 95th percentile of each.
 */
public final class RequestListBenchmark {

    private static final int REQUESTS = 100_000;
    private static final int WARM_UP = 10;
    private static final int RUNS = 50;
    private static final Pattern NEXT = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("dsr.bench.db", "jdbc:postgresql://127.0.0.1:5432/dsr_bench_requests");
        ConfigurableApplicationContext app = SpringApplication.run(DsrApplication.class,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("dsr.bench.user", "postgres"),
                "--spring.datasource.password=" + System.getProperty("dsr.bench.password", ""),
                "--server.port=0", "--dsr.demo.enabled=false", "--dsr.mail-sink.enabled=false",
                "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN");
        try {
            load(app.getBean(DataSource.class));
            BenchmarkLogin.ensureUser(app.getBean(IdentityService.class), "benchstaff", StaffGroups.STAFF);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            BenchmarkLogin.login(http, base, "benchstaff");

            String page = "/staff";
            for (int i = 1; i < 200; i++) {
                Matcher next = NEXT.matcher(get(http, base + page));
                if (!next.find()) {
                    throw new IllegalStateException("no next page after page " + i);
                }
                page = next.group(1).replace("&amp;", "&");
            }
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("first page", "/staff");
            cases.put("page 200 by its keyset link", page);
            cases.put("page 200 typed (?page=200, offset)", "/staff?page=200");
            cases.put("search by name", "/staff?q=" + URLEncoder.encode("Penkki 4242", StandardCharsets.UTF_8));
            cases.put("search by address", "/staff?q=bench4242%40bench.example");
            cases.put("search by reference", "/staff?q=DSR-2020-04242");
            cases.put("overdue filter", "/staff?due=OVERDUE");
            cases.put("nearest deadline first", "/staff?sort=DUE");
            cases.put("type + status filter", "/staff?type=DELETION&status=IN_PROGRESS");
            for (Map.Entry<String, String> c : cases.entrySet()) {
                time(http, base + c.getValue(), c.getKey());
            }
        } finally {
            app.close();
        }
    }

    private static void time(HttpClient http, String uri, String name) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(http, uri);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            get(http, uri);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%-36s median %6.1f ms, p95 %6.1f ms (%d runs, %d requests)%n", name,
                millis.get(RUNS / 2), millis.get((int) Math.ceil(RUNS * 0.95) - 1), RUNS, REQUESTS);
    }

    private static String get(HttpClient http, String uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Made-up requesters ("Penkki N", benchN@bench.example); no processes behind the requests. */
    private static void load(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            var rs = c.createStatement().executeQuery("select count(*) from dsr_request");
            rs.next();
            if (rs.getLong(1) >= REQUESTS) {
                System.out.println("data already loaded: " + rs.getLong(1) + " requests");
                return;
            }
            c.setAutoCommit(false);
            DeadlineCalculator calculator = new DeadlineCalculator();
            Random random = new Random(42);
            String[] types = {"ACCESS", "RECTIFICATION", "UNSUBSCRIBE", "DELETION"};
            String[] channels = {"WEB_FORM", "API", "ONE_CLICK", "STAFF"};
            Instant now = Instant.now();
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into dsr_request (reference, type, status, channel, language, requester_email,
                        requester_email_normalised, requester_name, received_at, due_date, original_due_date,
                        verification_state)
                    values (?, ?, ?, ?, 'fi', ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < REQUESTS; i++) {
                    Instant received = now.minusSeconds(random.nextInt(5 * 365 * 24 * 3600));
                    LocalDate due = calculator.dueDate(received);
                    boolean open = random.nextInt(50) == 0;
                    String email = "bench" + i + "@bench.example";
                    insert.setString(1, "DSR-2020-%05d".formatted(i));
                    insert.setString(2, types[random.nextInt(types.length)]);
                    insert.setString(3, open ? (random.nextBoolean() ? "IN_PROGRESS" : "AWAITING_VERIFICATION")
                            : "COMPLETED");
                    insert.setString(4, channels[random.nextInt(channels.length)]);
                    insert.setString(5, email);
                    insert.setString(6, email);
                    insert.setString(7, "Penkki " + i);
                    insert.setObject(8, received.atOffset(ZoneOffset.UTC));
                    insert.setObject(9, due);
                    insert.setObject(10, due);
                    insert.setString(11, open ? "PENDING" : "VERIFIED");
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.createStatement().execute("analyze dsr_request");
            System.out.printf("loaded %d requests in %.1f s%n", REQUESTS, (System.nanoTime() - started) / 1e9);
        }
    }
}
