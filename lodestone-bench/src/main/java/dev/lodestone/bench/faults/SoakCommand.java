package dev.lodestone.bench.faults;

import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: the server jar as a child process under mixed reads and writes for a long time, sampling its heap after a
 * full GC ({@code jcmd GC.run}; the heap left is read from the server's GC log, see {@link GcLog}) and its resident size. Users and entities come from a
 * bounded id space, so a model that stops growing once it has seen them all should show a flat heap; writes carry
 * idempotency keys half the time. A heap that keeps climbing after warm-up is a leak.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Mixed reads and writes for a long time; samples heap after full GC.")
public final class SoakCommand implements Callable<Integer> {
    /** How many Idempotency-Keys the bounded writes draw from. */
    static final int BOUNDED_KEYS = 20_000;

    @Option(names = "--server-jar", description = "The server jar (default: ${DEFAULT-VALUE})")
    Path serverJar = Path.of("lodestone-server/target/lodestone.jar");

    @Option(names = "--database-url", description = "PostgreSQL to soak on (default: embedded SQLite in a temporary directory)")
    String databaseUrl;

    @Option(names = "--duration", converter = dev.lodestone.bench.cli.DurationConverter.class,
            description = "How long, e.g. 30m (default: ${DEFAULT-VALUE})")
    Duration duration = Duration.ofMinutes(30);

    @Option(names = "--sample-every", converter = dev.lodestone.bench.cli.DurationConverter.class,
            description = "Heap sample period (default: ${DEFAULT-VALUE})")
    Duration sampleEvery = Duration.ofMinutes(1);

    @Option(names = "--workers", description = "Concurrent clients (default: ${DEFAULT-VALUE})")
    int workers = 16;

    @Option(names = "--write-percent", description = "Share of requests that write (default: ${DEFAULT-VALUE})")
    int writePercent = 20;

    @Option(names = "--users", description = "Distinct users (default: ${DEFAULT-VALUE})")
    int users = 5_000;

    @Option(names = "--entities", description = "Distinct entities (default: ${DEFAULT-VALUE})")
    int entities = 1_000;

    @Option(names = "--bounded-writes", description = "Writes that stop adding data once warm: entity replacements and"
            + " interactions whose Idempotency-Key comes from a set of 20,000 (repeats store nothing), so a growing"
            + " heap can only be a leak")
    boolean boundedWrites;

    @Option(names = "--chart", description = "Also draw heap after full GC and RSS over time into this SVG file")
    Path chart;

    /** {@code keysUsed} is how many of the bounded writes' keys have been sent so far (-1 without --bounded-writes). */
    record Sample(Duration at, long heapAfterGcKb, long rssKb, long requests, long errors, double p50Ms, double p99Ms,
                  int keysUsed) {
    }

    /** Which of the bounded writes' keys have been sent: once all have, interactions only replay. */
    private final AtomicIntegerArray keySent = new AtomicIntegerArray(BOUNDED_KEYS);
    private final AtomicInteger keysUsed = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(serverJar)) {
            System.err.println("soak: " + serverJar + " not found; run './lodestone build' first");
            return 2;
        }
        Map<String, String> env = new HashMap<>();
        if (databaseUrl != null) env.put("DATABASE_URL", databaseUrl);
        else env.put("DATA_DIR", Files.createTempDirectory("lodestone-soak-").resolve("data").toString());
        Path log = Files.createTempFile("lodestone-soak", ".log");
        var gcLog = new GcLog(Files.createTempFile("lodestone-soak-gc", ".log"));
        var server = new ServerChild(serverJar, env, List.of("-Xms256m", "-Xmx768m", gcLog.jvmOption()), log);
        System.out.printf("soak: server log %s%n", log);
        server.start(Duration.ofSeconds(120));
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            seed(client, server.base());
            var running = new AtomicBoolean(true);
            var requests = new AtomicLong();
            var errors = new AtomicLong();
            var latency = new Recorder(3);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                threads.add(Thread.ofPlatform().name("soak-" + w).start(() -> work(client, server.base(), running, requests,
                        errors, latency)));
            }
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            System.out.println("| minute | heap after full GC (MB) | RSS (MB) | requests | errors | p50 ms | p99 ms | keys used |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(sampleEvery.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                var histogram = latency.getIntervalHistogram();
                var sample = new Sample(Duration.ofNanos(System.nanoTime() - start), heapAfterFullGc(server.pid(), gcLog),
                        rssKb(server.pid()), requests.get(), errors.get(),
                        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                        boundedWrites ? keysUsed.get() : -1);
                samples.add(sample);
                System.out.printf("| %.1f | %.1f | %.1f | %d | %d | %.2f | %.2f | %s |%n", sample.at().toMillis() / 60_000.0,
                        sample.heapAfterGcKb() / 1024.0, sample.rssKb() / 1024.0, sample.requests(), sample.errors(),
                        sample.p50Ms(), sample.p99Ms(), sample.keysUsed() < 0 ? "–" : sample.keysUsed() + " of " + BOUNDED_KEYS);
            }
            running.set(false);
            for (Thread t : threads) t.join();
            if (chart != null) drawChart(samples);
            return summarise(samples, errors.get());
        } finally {
            server.terminate(Duration.ofSeconds(30));
        }
    }

    /**
     * Compares the heap of the first and last thirds of the samples after the first (warm-up) one, and gives the range
     * of those samples and the resident size at the start and the end.
     */
    private static int summarise(List<Sample> samples, long errors) {
        if (samples.size() < 4) {
            System.out.println("soak: too few samples for a trend; run longer or sample more often");
            return 0;
        }
        List<Sample> steady = samples.subList(1, samples.size());
        int third = Math.max(1, steady.size() / 3);
        double early = steady.subList(0, third).stream().mapToLong(Sample::heapAfterGcKb).average().orElse(0) / 1024;
        double late = steady.subList(steady.size() - third, steady.size()).stream().mapToLong(Sample::heapAfterGcKb)
                .average().orElse(0) / 1024;
        var heap = steady.stream().mapToLong(Sample::heapAfterGcKb).summaryStatistics();
        System.out.printf("soak: heap after full GC %.1f MB early, %.1f MB late (%+.1f MB), %.1f–%.1f MB after warm-up;"
                        + " RSS %.1f → %.1f MB; %d errors%n", early, late, late - early, heap.getMin() / 1024.0,
                heap.getMax() / 1024.0, samples.getFirst().rssKb() / 1024.0, samples.getLast().rssKb() / 1024.0, errors);
        return errors > 0 ? 1 : 0;
    }

    private void drawChart(List<Sample> samples) throws IOException {
        if (samples.isEmpty()) return;
        var points = samples.stream().map(s -> new SoakChart.Point(s.at().toMillis() / 60_000.0,
                s.heapAfterGcKb() / 1024.0, s.rssKb() / 1024.0)).toList();
        Files.writeString(chart, SoakChart.svg("Soak: " + workers + " workers, " + writePercent + " % writes"
                + (boundedWrites ? ", bounded writes" : ""), points));
        System.out.printf("soak: chart %s%n", chart);
    }

    private void seed(HttpClient client, String base) throws IOException, InterruptedException {
        for (int from = 0; from < entities; from += 1_000) {
            var items = new StringBuilder("{\"entities\":[");
            for (int i = from; i < Math.min(entities, from + 1_000); i++) {
                if (i > from) items.append(',');
                items.append("{\"entity_id\":\"e").append(i).append("\",\"entity_type\":\"product\",\"attributes\":{\"category\":\"c")
                        .append(i % 20).append("\",\"brand\":\"b").append(i % 50).append("\",\"price\":").append(i % 97).append("}}");
            }
            items.append("]}");
            var r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/entities/bulk"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(items.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) throw new IOException("seeding entities: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    private void work(HttpClient client, String base, AtomicBoolean running, AtomicLong requests, AtomicLong errors,
                      Recorder latency) {
        var random = ThreadLocalRandom.current();
        while (running.get()) {
            HttpRequest request;
            boolean write = random.nextInt(100) < writePercent;
            if (write && boundedWrites && random.nextBoolean()) {
                int e = random.nextInt(entities);
                String body = "{\"entity_type\":\"product\",\"attributes\":{\"category\":\"c" + (e % 20)
                        + "\",\"brand\":\"b" + (e % 50) + "\",\"price\":" + random.nextInt(100) + "}}";
                request = HttpRequest.newBuilder(URI.create(base + "/api/v1/entities/e" + e))
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(10)).build();
            } else if (write) {
                String body = "{\"user_id\":\"u" + random.nextInt(users) + "\",\"entity_id\":\"e" + random.nextInt(entities)
                        + "\",\"interaction_type\":\"" + (random.nextInt(10) == 0 ? "purchase" : "view") + "\"}";
                var builder = HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                if (boundedWrites) builder.header("Idempotency-Key", "soak-" + boundedKey(random.nextInt(BOUNDED_KEYS)));
                else if (random.nextBoolean()) builder.header("Idempotency-Key", UUID.randomUUID().toString());
                request = builder.timeout(Duration.ofSeconds(10)).build();
            } else {
                String path = switch (random.nextInt(3)) {
                    case 0 -> "/api/v1/recommendations/user/u" + random.nextInt(users) + "?count=10";
                    case 1 -> "/api/v1/recommendations/entity/e" + random.nextInt(entities) + "?count=10";
                    default -> "/api/v1/recommendations/trending?count=10";
                };
                request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
            }
            long start = System.nanoTime();
            try {
                var r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() >= 400) errors.incrementAndGet();
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
            requests.incrementAndGet();
        }
    }

    private int boundedKey(int key) {
        if (keySent.compareAndSet(key, 0, 1)) keysUsed.incrementAndGet();
        return key;
    }

    /**
     * Forces a full GC in the server ({@code jcmd}, from the same JDK as this tool) and reads the heap it left from the
     * GC log; -1 when no new full GC shows up there within 10 s.
     */
    private static long heapAfterFullGc(long pid, GcLog gcLog) throws IOException, InterruptedException {
        int before = gcLog.heapsAfterFullGcKb().size();
        jcmd(pid, "GC.run");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            List<Long> heaps = gcLog.heapsAfterFullGcKb();
            if (heaps.size() > before) return heaps.getLast();
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
