import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Load driver and mail sink of bench/throughput.sh and bench/faults.sh (JDK only, run with {@code java Driver.java}).
 *
 * <pre>
 * java bench/Driver.java seed PREFIX N ONECLICK TOKENFILE   SQL on stdout: N subscribers PREFIX-i@bench.example and
 *                                                          ONECLICK subscribers with one-click links (tokens to TOKENFILE)
 * java bench/Driver.java serve SMTP_PORT CONTROL_PORT BASE_URL[,BASE_URL2]
 *     an SMTP sink (that can be stopped and started) and a control API on 127.0.0.1:CONTROL_PORT:
 *     GET /load?prefix=P&n=N&rate=R&concurrency=C   files N unsubscribe requests (R/s; 0 = as fast as C threads go) for
 *                                                   P-0..P-(N-1)@bench.example, confirms each link when its mail
 *                                                   arrives, and counts the signed letters that arrive
 *     GET /oneclick?tokens=FILE&rate=R&seconds=S    one-click unsubscribe POSTs at R/s (open loop); p50/p99 ms
 *     GET /smtp/stop, /smtp/start                   an SMTP outage (connections refused and dropped)
 *     GET /status                                   counts as key=value lines
 *     GET /quit
 * </pre>
 * A 503 is retried (after 1 s, as a client honouring Retry-After would, sooner); a refused connection goes to the
 * other node. A 2xx with an empty body, or a 2xx whose effect never shows (no mail follows), is a false answer.
 */
public class Driver {

    static final Pattern VERIFY = Pattern.compile("/verify/([A-Za-z0-9_-]{43})");
    static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "serve" -> new Driver(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3].split(","))
                    .serve();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- seed

    static void seed(String prefix, int n, int oneClick, Path tokenFile) throws Exception {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        SecureRandom random = new SecureRandom();
        List<String> tokens = new ArrayList<>();
        out.println("begin;");
        for (int i = 0; i < n + oneClick; i++) {
            String email = (i < n ? prefix + "-" + i : prefix + "-oc-" + (i - n)) + "@bench.example";
            out.printf("with c as (insert into contact (name, email, email_normalised, language, source, created_at) "
                    + "values ('Bench %d', '%s', '%s', 'en', 'EVENT', now()) returning id), e as ("
                    + "insert into newsletter_consent_event (contact_id, kind, occurred_at, channel) "
                    + "select id, 'GIVEN', now(), 'EVENT' from c returning contact_id) ", i, email, email);
            if (i >= n) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                tokens.add(token);
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.US_ASCII)));
                out.printf("insert into unsubscribe_link (token_hash, contact_id, created_at) "
                        + "select '%s', contact_id, now() from e;%n", hash);
            } else {
                out.println("select count(*) from e;");
            }
        }
        out.println("commit;");
        out.flush();
        Files.write(tokenFile, tokens);
    }

    // ---------------------------------------------------------------- state

    final int smtpPort;
    final int controlPort;
    final String[] nodes;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(16)).build();
    final ExecutorService workers = Executors.newFixedThreadPool(64);
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final AtomicInteger nodeTurn = new AtomicInteger();

    /** Per address of the current load: when it was filed, its link's arrival, confirm, letter. */
    static final class Track {
        volatile long filedNanos;
        volatile long linkNanos;
        volatile long letterNanos;
        volatile boolean filed;
        /** The connection broke after the request was sent: filed or not, the client cannot know. */
        volatile boolean unanswered;
        volatile boolean gaveUp;
        volatile boolean confirmed;
        volatile boolean confirming;
    }

    final Map<String, Track> tracks = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> messageIds = new ConcurrentHashMap<>();
    /** Per Message-ID, the SMTP session that delivered its first copy and when. */
    final Map<String, Delivery> firstCopies = new ConcurrentHashMap<>();

    /** An SMTP session: when its client vanished (the connection ended without QUIT), and its last accepted mail. */
    static final class Session {
        volatile long vanishedNanos;
        volatile long lastAcceptedNanos;
    }

    record Delivery(Session session, long acceptedNanos) {
    }

    /**
     * A duplicate in the one window no sender can close: the first copy was the last mail its session accepted,
     * and the sender vanished (killed) within 2 s after the server accepted it, before the "250" could be
     * recorded on its side; the second copy is the other node's, after taking the row over.
     */
    boolean inTheSendersWindow(String messageId) {
        Delivery first = firstCopies.get(messageId);
        if (first == null) {
            return false;
        }
        Session session = first.session();
        return session.vanishedNanos != 0 && session.lastAcceptedNanos == first.acceptedNanos()
                && session.vanishedNanos - first.acceptedNanos() <= TimeUnit.SECONDS.toNanos(2);
    }
    final AtomicInteger mailsReceived = new AtomicInteger();
    final AtomicInteger falseAnswers = new AtomicInteger();
    final AtomicInteger answers503 = new AtomicInteger();
    final AtomicInteger otherErrors = new AtomicInteger();
    final AtomicInteger confirmsGone = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    volatile long loadStartNanos;
    volatile long filedAllNanos;
    volatile int loadSize;
    volatile String report = "";

    volatile ServerSocket smtp;
    final Set<Socket> smtpConnections = ConcurrentHashMap.newKeySet();

    Driver(int smtpPort, int controlPort, String[] nodes) {
        this.smtpPort = smtpPort;
        this.controlPort = controlPort;
        this.nodes = nodes;
    }

    void serve() throws IOException {
        startSmtp();
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 16);
        control.setExecutor(Executors.newFixedThreadPool(4));
        control.createContext("/", this::control);
        control.start();
        System.out.println("driver: SMTP on " + smtpPort + ", control on " + controlPort);
    }

    void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        String body;
        try {
            body = switch (path) {
                case "/load" -> load(q.get("prefix"), Integer.parseInt(q.get("n")),
                        Double.parseDouble(q.getOrDefault("rate", "0")),
                        Integer.parseInt(q.getOrDefault("concurrency", "16")));
                case "/oneclick" -> oneClick(Path.of(q.get("tokens")), Double.parseDouble(q.get("rate")),
                        Integer.parseInt(q.get("seconds")));
                case "/smtp/stop" -> {
                    stopSmtp();
                    yield "smtp stopped\n";
                }
                case "/smtp/start" -> {
                    startSmtp();
                    yield "smtp started\n";
                }
                case "/status" -> status();
                case "/quit" -> {
                    timer.schedule(() -> System.exit(0), 200, TimeUnit.MILLISECONDS);
                    yield "bye\n";
                }
                default -> "unknown\n";
            };
        } catch (Exception e) {
            body = "error " + e + "\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---------------------------------------------------------------- load

    /** Starts the load and returns at once; /status shows its progress. */
    String load(String prefix, int n, double rate, int concurrency) {
        tracks.clear();
        mailsReceived.set(0);
        // each scenario counts its own duplicates, answers and problems (the previous one has drained)
        messageIds.clear();
        firstCopies.clear();
        falseAnswers.set(0);
        answers503.set(0);
        otherErrors.set(0);
        confirmsGone.set(0);
        problems.clear();
        loadSize = n;
        loadStartNanos = System.nanoTime();
        filedAllNanos = 0;
        for (int i = 0; i < n; i++) {
            tracks.put(prefix + "-" + i + "@bench.example", new Track());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        if (rate > 0) {
            long periodNanos = (long) (1e9 / rate);
            for (int i = 0; i < n; i++) {
                String email = prefix + "-" + i + "@bench.example";
                timer.schedule(() -> workers.submit(() -> {
                    file(email);
                    if (done.incrementAndGet() == n) {
                        filedAllNanos = System.nanoTime();
                    }
                }), i * periodNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            for (int t = 0; t < concurrency; t++) {
                workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        file(prefix + "-" + i + "@bench.example");
                        if (done.incrementAndGet() == n) {
                            filedAllNanos = System.nanoTime();
                        }
                    }
                });
            }
        }
        return "load started\n";
    }

    void file(String email) {
        Track track = tracks.get(email);
        String json = "{\"type\":\"UNSUBSCRIBE\",\"email\":\"" + email + "\",\"language\":\"en\"}";
        for (int attempt = 0; attempt < 600; attempt++) {
            track.filedNanos = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = post("/api/requests", "application/json", json, false);
            } catch (UncertainOutcome e) {
                // no answer: if it was filed, its link arrives and is confirmed like any other
                track.unanswered = true;
                return;
            }
            if (response != null && response.statusCode() == 202) {
                if (response.body().isBlank()) {
                    falseAnswer("filing " + email + ": 202 with an empty body");
                }
                track.filed = true;
                return;
            }
            if (response != null && response.statusCode() / 100 == 2) {
                falseAnswer("filing " + email + ": " + response.statusCode() + " " + response.body());
                track.gaveUp = true;
                return;
            }
            if (response != null && response.statusCode() != 503) {
                otherErrors.incrementAndGet();
                track.gaveUp = true;
                problems.add("filing " + email + ": " + response.statusCode());
                return;
            }
            pause(1000);
        }
        track.gaveUp = true;
        problems.add("filing " + email + ": gave up");
    }

    void confirm(String email, String token) {
        Track track = tracks.get(email);
        if (track == null || track.confirming) {
            return;
        }
        track.confirming = true;
        for (int attempt = 0; attempt < 600; attempt++) {
            HttpResponse<String> response = post("/verify/" + token + "?lang=en",
                    "application/x-www-form-urlencoded", "");
            if (response != null && response.statusCode() == 200) {
                if (!response.body().contains("confirmed")) {
                    falseAnswer("confirm " + email + ": 200 without the success page: " + abbreviate(response.body()));
                }
                track.confirmed = true;
                return;
            }
            if (response != null && response.statusCode() / 100 == 2) {
                falseAnswer("confirm " + email + ": " + response.statusCode());
                return;
            }
            if (response != null && response.statusCode() == 410) {
                // the link was used, but by whom? the requester sees a failure either way
                confirmsGone.incrementAndGet();
                problems.add("confirm " + email + ": 410 on a retry");
                return;
            }
            if (response != null && response.statusCode() != 503) {
                otherErrors.incrementAndGet();
                problems.add("confirm " + email + ": " + response.statusCode());
                return;
            }
            pause(1000);
        }
        problems.add("confirm " + email + ": gave up");
    }

    String oneClick(Path tokenFile, double rate, int seconds) throws Exception {
        List<String> tokens = Files.readAllLines(tokenFile);
        int n = (int) Math.min(tokens.size(), rate * seconds);
        long[] latencies = new long[n];
        AtomicInteger bad = new AtomicInteger();
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(n);
        long periodNanos = (long) (1e9 / rate);
        for (int i = 0; i < n; i++) {
            int index = i;
            timer.schedule(() -> workers.submit(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r = post("/unsubscribe/" + tokens.get(index),
                        "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
                latencies[index] = System.nanoTime() - t0;
                if (r == null || r.statusCode() != 200) {
                    bad.incrementAndGet();
                }
                latch.countDown();
            }), i * periodNanos, TimeUnit.NANOSECONDS);
        }
        latch.await(seconds + 120L, TimeUnit.SECONDS);
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        return String.format("oneclick_n=%d%noneclick_rate=%.0f%noneclick_p50_ms=%.1f%noneclick_p99_ms=%.1f%n"
                        + "oneclick_not_200=%d%n", n, rate, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                bad.get());
    }

    /** The request may or may not have been carried out: the connection broke after it was sent. */
    static final class UncertainOutcome extends RuntimeException {
        UncertainOutcome(Throwable cause) {
            super(cause);
        }
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return post(path, contentType, body, true);
    }

    /**
     * POSTs to the next node; a node that refuses the connection is skipped. A connection that breaks after the
     * request was sent leaves its outcome unknown: an idempotent request goes to the next node, another one throws
     * {@link UncertainOutcome} (a client without an idempotency key cannot know whether to send it again).
     */
    HttpResponse<String> post(String path, String contentType, String body, boolean idempotent) {
        for (int tried = 0; tried < nodes.length; tried++) {
            String node = nodes[Math.floorMod(nodeTurn.getAndIncrement(), nodes.length)];
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(node + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", contentType).header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 503) {
                    answers503.incrementAndGet();
                }
                return response;
            } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // node down: the next node, then a pause and again
            } catch (IOException e) {
                if (!idempotent) {
                    throw new UncertainOutcome(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    void falseAnswer(String what) {
        falseAnswers.incrementAndGet();
        problems.add("FALSE ANSWER " + what);
    }

    String status() {
        int filed = 0;
        int confirmed = 0;
        int letters = 0;
        int links = 0;
        List<Long> linkLatencies = new ArrayList<>();
        long lastLetter = 0;
        int unanswered = 0;
        int settled = 0;
        int pending = 0;
        for (Track t : tracks.values()) {
            filed += t.filed ? 1 : 0;
            unanswered += t.unanswered ? 1 : 0;
            settled += t.filed || t.unanswered || t.gaveUp ? 1 : 0;
            pending += (t.filed || t.linkNanos != 0) && t.letterNanos == 0 ? 1 : 0;
            confirmed += t.confirmed ? 1 : 0;
            if (t.linkNanos != 0) {
                links++;
                linkLatencies.add(t.linkNanos - t.filedNanos);
            }
            if (t.letterNanos != 0) {
                letters++;
                lastLetter = Math.max(lastLetter, t.letterNanos);
            }
        }
        Collections.sort(linkLatencies);
        long[] sorted = linkLatencies.stream().mapToLong(Long::longValue).toArray();
        int duplicates = 0;
        int windowDuplicates = 0;
        for (Map.Entry<String, AtomicInteger> id : messageIds.entrySet()) {
            int extra = id.getValue().get() - 1;
            if (extra > 0 && inTheSendersWindow(id.getKey())) {
                windowDuplicates += extra;
            } else if (extra > 0) {
                duplicates += extra;
                problems.add("duplicate " + id.getKey() + " x" + id.getValue().get());
            }
        }
        double elapsed = ((lastLetter == 0 ? System.nanoTime() : lastLetter) - loadStartNanos) / 1e9;
        double intake = filedAllNanos == 0 ? 0 : loadSize / ((filedAllNanos - loadStartNanos) / 1e9);
        StringBuilder out = new StringBuilder();
        out.append("requests=").append(loadSize).append('\n')
                .append("filed=").append(filed).append('\n')
                .append("unanswered=").append(unanswered).append('\n')
                .append("settled=").append(settled).append('\n')
                .append("pending=").append(pending).append('\n')
                .append("links_received=").append(links).append('\n')
                .append("confirmed=").append(confirmed).append('\n')
                .append("completed=").append(letters).append('\n')
                .append("mails_expected=").append(links + confirmed).append('\n')
                .append("mails_received=").append(mailsReceived.get()).append('\n')
                .append("duplicates=").append(duplicates).append('\n')
                .append("window_duplicates=").append(windowDuplicates).append('\n')
                .append("false_answers=").append(falseAnswers.get()).append('\n')
                .append("answers_503=").append(answers503.get()).append('\n')
                .append("confirm_410=").append(confirmsGone.get()).append('\n')
                .append("other_errors=").append(otherErrors.get()).append('\n')
                .append(String.format("intake_per_s=%.1f%n", intake))
                .append(String.format("pipeline_per_s=%.2f%n", letters == loadSize && loadSize > 0
                        ? loadSize / elapsed : 0))
                .append(String.format("elapsed_s=%.1f%n", elapsed))
                .append(String.format("link_p50_ms=%.0f%n", percentile(sorted, 50) / 1e6))
                .append(String.format("link_p99_ms=%.0f%n", percentile(sorted, 99) / 1e6));
        problems.stream().limit(20).forEach(p -> out.append("problem=").append(p).append('\n'));
        return out.toString();
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---------------------------------------------------------------- SMTP sink

    synchronized void startSmtp() throws IOException {
        if (smtp != null && !smtp.isClosed()) {
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", smtpPort), 100);
        smtp = server;
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    smtpConnections.add(socket);
                    workers.submit(() -> session(socket));
                } catch (IOException e) {
                    // stopped
                }
            }
        }, "smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    synchronized void stopSmtp() throws IOException {
        if (smtp != null) {
            smtp.close();
        }
        // forgotten first, so that their sessions do not count as clients that vanished
        List<Socket> open = new ArrayList<>(smtpConnections);
        smtpConnections.clear();
        for (Socket s : open) {
            s.close();
        }
    }

    void session(Socket socket) {
        Session session = new Session();
        boolean quit = false;
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bench sink");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench\r\n250 8BITMIME");
                    case "HELO", "NOOP" -> reply(out, "250 ok");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 ok");
                    }
                    case "RCPT" -> {
                        Matcher m = Pattern.compile("<([^>]*)>").matcher(line);
                        if (m.find()) {
                            recipients.add(m.group(1).toLowerCase());
                        }
                        reply(out, "250 ok");
                    }
                    case "DATA" -> {
                        reply(out, "354 go on");
                        StringBuilder data = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                        }
                        if (line == null) {
                            session.vanishedNanos = System.nanoTime();
                            return; // cut mid-message: not accepted
                        }
                        received(recipients, data.toString(), session);
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        quit = true;
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client went, or the sink was stopped
        } finally {
            // a client that went without QUIT (killed); not the sink's own stop, which removed the socket first
            if (!quit && session.vanishedNanos == 0 && smtpConnections.contains(socket)) {
                session.vanishedNanos = System.nanoTime();
            }
            smtpConnections.remove(socket);
        }
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void received(List<String> recipients, String message, Session session) {
        long now = System.nanoTime();
        session.lastAcceptedNanos = now;
        if (recipients.stream().anyMatch(tracks::containsKey)) {
            mailsReceived.incrementAndGet();
        }
        Matcher id = MESSAGE_ID.matcher(message);
        if (id.find()) {
            messageIds.computeIfAbsent(id.group(1), k -> new AtomicInteger()).incrementAndGet();
            firstCopies.putIfAbsent(id.group(1), new Delivery(session, now));
        }
        String text = message.replace("=\r\n", "");
        boolean letter = message.toLowerCase().contains("application/pdf");
        String token = null;
        Matcher link = VERIFY.matcher(text);
        if (link.find()) {
            token = link.group(1);
        } else if (!letter) {
            token = linkInBase64(message);
        }
        for (String recipient : recipients) {
            Track track = tracks.get(recipient);
            if (track == null) {
                continue;
            }
            if (letter) {
                track.letterNanos = now;
            } else if (token != null) {
                if (track.linkNanos == 0) {
                    track.linkNanos = now;
                }
                String t = token;
                workers.submit(() -> confirm(recipient, t));
            }
        }
    }

    static String linkInBase64(String message) {
        StringBuilder block = new StringBuilder();
        for (String line : (message + "\r\n\r\n").split("\r\n")) {
            if (line.matches("[A-Za-z0-9+/=]{4,}")) {
                block.append(line);
                continue;
            }
            if (block.length() > 0) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(block.toString()), StandardCharsets.UTF_8);
                    Matcher link = VERIFY.matcher(decoded);
                    if (link.find()) {
                        return link.group(1);
                    }
                } catch (IllegalArgumentException e) {
                    // not base64
                }
                block.setLength(0);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- bits

    static Map<String, String> query(String raw) {
        Map<String, String> out = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static final AtomicLong UNUSED = new AtomicLong();
}
