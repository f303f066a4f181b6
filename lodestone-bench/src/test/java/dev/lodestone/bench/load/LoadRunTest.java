package dev.lodestone.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lodestone.bench.BenchMain;
import dev.lodestone.bench.cli.TargetOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives a tiny in-process HTTP server and checks that what the load generator reports is what the server saw. */
class LoadRunTest {
    private static final long SLOW_MILLIS = 20;
    private static final Pattern USER_ID = Pattern.compile("\"user_id\"");

    private HttpServer server;
    private ExecutorService executor;
    private URI target;
    private final ConcurrentHashMap<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong interactionsReceived = new AtomicLong();
    private final ConcurrentHashMap<String, String> apiKeys = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/health", ex -> respond(ex, 200, "OK", false));
        server.createContext("/api/v1/recommendations/trending", ex -> {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "{\"trending\":[]}", false);
        });
        // chunked answers, and a 503 for one user, to see errors counted by status
        server.createContext("/api/v1/recommendations/user/", ex -> {
            apiKeys.put(String.valueOf(ex.getRequestHeaders().getFirst("X-API-Key")), "");
            boolean failing = ex.getRequestURI().getPath().endsWith("/user_3");
            respond(ex, failing ? 503 : 200, "{\"recommendations\":[{\"entity_id\":\"item_1\",\"score\":1.0}],\"algorithm\":\"hybrid\"}", true);
        });
        server.createContext("/api/v1/interactions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = USER_ID.matcher(body);
            while (m.find()) interactionsReceived.incrementAndGet();
            respond(ex, ex.getRequestURI().getPath().endsWith("/bulk") ? 202 : 201, "{\"ok\":true}", false);
        });
        server.start();
        target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void respond(HttpExchange ex, int status, String body, boolean chunked) throws IOException {
        byStatus.computeIfAbsent(Integer.toString(status), k -> new AtomicLong()).incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private LoadResult run(Scenario scenario, int connections, double rate, int users, int batch) throws InterruptedException {
        return run(target, scenario, connections, rate, users, batch, Duration.ofSeconds(5));
    }

    private static LoadResult run(URI target, Scenario scenario, int connections, double rate, int users, int batch, Duration timeout)
            throws InterruptedException {
        var options = TargetOptions.of(target, "secret", "shop1");
        var workload = new Workload(scenario, IdSource.ranges(users, 50, "product"), options, 0.1, batch);
        var plan = new LoadPlan(connections, 2, Duration.ZERO, Duration.ofMillis(600), rate, timeout, 1);
        return new LoadRun(target, workload, plan).run();
    }

    /** A bare TCP server: each accepted connection reads one request head and hands the socket to {@code answer}. */
    private static ServerSocket rawServer(ThrowingConsumer<Socket> answer) throws IOException {
        var socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            var in = s.getInputStream();
                            int matched = 0;
                            while (matched < 4) { // until CR LF CR LF
                                int b = in.read();
                                if (b < 0) return;
                                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                            }
                            answer.accept(s);
                        } catch (Exception ignored) {
                            // the client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return socket;
    }

    private interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    @Test
    void aKeptAliveConnectionTheServerDroppedIsRetriedNotCountedAsAnError() throws Exception {
        // answers one request per connection without saying so (no Connection: close), then hangs up
        try (var raw = rawServer(s -> s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII)))) {
            LoadResult r = run(URI.create("http://127.0.0.1:" + raw.getLocalPort()), Scenario.HEALTH, 2, 0, 1, 1, Duration.ofSeconds(5));
            assertThat(r.requests()).isPositive();
            assertThat(r.responses()).containsOnlyKeys("200");
            assertThat(r.connectionsOpened).isGreaterThanOrEqualTo(r.requests());
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (var raw = rawServer(s -> Thread.sleep(5_000))) {
            LoadResult r = run(URI.create("http://127.0.0.1:" + raw.getLocalPort()), Scenario.HEALTH, 2, 0, 1, 1, Duration.ofMillis(150));
            assertThat(r.responses()).containsOnlyKeys("io_error");
            assertThat(r.requests()).isGreaterThanOrEqualTo(2);
            assertThat(r.ioErrorKinds).containsOnlyKeys("SocketTimeoutException: Read timed out");
        }
    }

    private long served() {
        return byStatus.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Test
    void closedLoopCountsEveryRequestTheServerAnsweredAndErrorsByStatus() throws Exception {
        LoadResult r = run(Scenario.VALIDATOR, 4, 0, 5, 1);
        assertThat(r.requests()).isPositive().isEqualTo(served());
        assertThat(r.responses()).containsOnlyKeys("200", "503");
        assertThat(r.responses().get("503")).isEqualTo(byStatus.get("503").get());
        assertThat(r.errorRate()).isBetween(0.0, 1.0).isCloseTo(byStatus.get("503").get() / (double) served(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(apiKeys).containsOnlyKeys("secret");
    }

    @Test
    void openLoopNeverSendsMoreThanTheScheduleAllows() throws Exception {
        LoadResult r = run(Scenario.HEALTH, 2, 100, 1, 1);
        assertThat(r.requests()).isEqualTo(served()).isPositive();
        // 100 req/s for 0.6 s on two staggered schedules: at most 60 sends
        assertThat(r.requests()).isLessThanOrEqualTo(60);
        assertThat(r.toMap()).containsEntry("mode", "open").containsKey("operations");
    }

    @Test
    void latencyIncludesTheWholeServerTimeOfEveryRequest() throws Exception {
        LoadResult r = run(Scenario.TRENDING, 4, 0, 1, 1);
        assertThat(r.requests()).isEqualTo(served()).isPositive();
        // every answer took the server at least SLOW_MILLIS: no percentile may come out faster
        assertThat(r.total.latency().getMinValue()).isGreaterThanOrEqualTo(SLOW_MILLIS * 1000);
        assertThat(r.total.latency().getValueAtPercentile(50)).isGreaterThanOrEqualTo(SLOW_MILLIS * 1000);
    }

    @Test
    void bulkIngestCountsTheInteractionsItSent() throws Exception {
        LoadResult r = run(Scenario.INGEST_BULK, 2, 0, 10, 25);
        assertThat(r.requests()).isEqualTo(served()).isPositive();
        assertThat(interactionsReceived.get()).isEqualTo(r.requests() * 25);
        assertThat(r.total.items()).isEqualTo(interactionsReceived.get());
    }

    @Test
    void mixSendsReadsAndWrites() throws Exception {
        LoadResult r = run(Scenario.MIX, 2, 0, 10, 1);
        assertThat(r.operations).containsOnlyKeys("recommend_user", "post_interaction");
        long writes = r.operations.get("post_interaction").requests();
        assertThat(writes).isEqualTo(interactionsReceived.get()).isPositive();
        assertThat(r.operations.get("recommend_user").requests()).isGreaterThan(writes);
    }

    @Test
    void connectionErrorsAreCountedNotThrown() throws Exception {
        server.stop(0);
        LoadResult r = run(Scenario.HEALTH, 2, 0, 1, 1);
        assertThat(r.responses()).containsOnlyKeys("io_error");
        assertThat(r.errorRate()).isEqualTo(1.0);
    }

    @Test
    void commandFailsOnAThresholdAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("load.json");
        String[] common = {"load", "--target", target.toString(), "--scenario", "health", "-c", "2", "--duration", "300ms",
                "--warmup", "100ms", "--server-pid", Long.toString(ProcessHandle.current().pid()), "--json", json.toString()};
        assertThat(BenchMain.commandLine().execute(common)).isZero();
        var written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("scenario").asText()).isEqualTo("health");
        assertThat(written.get("server_rss_mb").asDouble()).isPositive();
        assertThat(written.at("/total/requests").asLong()).isPositive();

        String[] strict = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.stream.Stream.of("--min-rps", "1e12"))
                .toArray(String[]::new);
        assertThat(BenchMain.commandLine().execute(strict)).isEqualTo(1);
        assertThat(Files.readString(json)).contains("threshold_violations", "throughput");
    }
}
