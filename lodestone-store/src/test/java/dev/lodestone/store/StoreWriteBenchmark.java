package dev.lodestone.store;

import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionTypeForm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the durable write throughput of the stores against the performance targets of docs/architecture.md (single interactions ≥ 5,000/s, bulk
 * ≥ 100,000/s): single appends from 64 concurrent callers (one draft per call), then bulk appends of 1,000 and of
 * 10,000 drafts per call (from 1 and from 4 concurrent callers). Each store is first filled with {@code prefill}
 * interactions so that index maintenance costs what it costs on a real database. Prints interactions/s. Not a test:
 * it asserts nothing, and it runs only when started by hand.
 *
 * <p>Run from the repository root (JDK 25, PostgreSQL at 127.0.0.1:5432 for the postgresql case):
 * <pre>
 * mvn -B -q -pl lodestone-store -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/store-bench.cp
 * java -cp lodestone-store/target/test-classes:lodestone-store/target/classes:$(cat lodestone-store/target/store-bench.cp) \
 *     dev.lodestone.store.StoreWriteBenchmark [sqlite] [postgresql] [seconds=10] [prefill=1000000] [keys] [sqlite-dir=PATH]
 * </pre>
 * {@code keys} gives every draft a random idempotency key. SQLite runs in a fresh directory under {@code target/},
 * PostgreSQL in a fresh schema of {@code postgresql://postgres@127.0.0.1:5432/test}; both are removed afterwards.
 * {@code sqlite-dir=PATH} runs SQLite in that directory instead and keeps it (the prefill tops up what is there).
 */
public final class StoreWriteBenchmark {
    private static final String POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";
    private static final String TENANT = "bench";
    private static final int USERS = 100_000;
    private static final int ENTITIES = 100_000;
    private static final int SINGLE_THREADS = 64;

    private final Store store;
    private final boolean keys;

    private StoreWriteBenchmark(Store store, boolean keys) {
        this.store = store;
        this.keys = keys;
    }

    public static void main(String[] args) throws Exception {
        List<String> kinds = new ArrayList<>();
        int seconds = 10;
        int prefill = 1_000_000;
        boolean keys = false;
        Path sqliteDir = null;
        for (String arg : args) {
            if (arg.startsWith("sqlite-dir=")) sqliteDir = Path.of(arg.substring(11));
            else
            if (arg.startsWith("seconds=")) seconds = Integer.parseInt(arg.substring(8));
            else if (arg.startsWith("prefill=")) prefill = Integer.parseInt(arg.substring(8));
            else if (arg.equals("keys")) keys = true;
            else kinds.add(arg);
        }
        if (kinds.isEmpty()) kinds = List.of("sqlite", "postgresql");
        System.out.printf(Locale.ROOT, "load average at start: %.2f, %d cores, keys=%s%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), keys);
        for (String kind : kinds) {
            if (kind.equals("sqlite")) runSqlite(sqliteDir, seconds, prefill, keys);
            else if (kind.equals("postgresql")) runPostgres(seconds, prefill, keys);
            else throw new IllegalArgumentException("unknown store " + kind);
        }
    }

    private static void runSqlite(Path given, int seconds, int prefill, boolean keys)
            throws IOException, InterruptedException {
        Path dir = given != null ? given
                : Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "store-bench-");
        try (Store store = Stores.open(StoreConfig.sqlite(dir))) {
            new StoreWriteBenchmark(store, keys).run(seconds, prefill);
        } finally {
            if (given == null) deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void runPostgres(int seconds, int prefill, boolean keys) throws SQLException, InterruptedException {
        String schema = "lodestone_bench_" + Long.toHexString(System.nanoTime());
        try (Store store = Stores.open(StoreConfig.postgresql(POSTGRES_URL).withSchema(schema))) {
            new StoreWriteBenchmark(store, keys).run(seconds, prefill);
        } finally {
            try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void run(int seconds, int prefill) throws InterruptedException {
        store.ensureTenant(TENANT, "benchmark");
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(42);
        long stored = store.countInteractions(TENANT);
        for (long done = stored; done < prefill; done += 10_000) {
            store.appendInteractions(drafts(random, (int) Math.min(10_000, prefill - done)));
        }
        System.out.printf(Locale.ROOT, "%-10s prefilled to %,d interactions (%,d there) in %.1f s%n", store.kind(),
                prefill, stored, (System.nanoTime() - start) / 1e9);
        report("single x" + SINGLE_THREADS, measure(SINGLE_THREADS, 1, seconds));
        report("bulk 1000 x1", measure(1, 1_000, seconds));
        report("bulk 1000 x4", measure(4, 1_000, seconds));
        report("bulk 10000 x1", measure(1, 10_000, seconds));
        report("bulk 10000 x4", measure(4, 10_000, seconds));
    }

    private void report(String what, double perSecond) {
        System.out.printf(Locale.ROOT, "%-10s %-14s %,10.0f interactions/s   (load %.2f)%n", store.kind(), what,
                perSecond, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Appends from {@code callers} threads, {@code perCall} drafts a call, for a second of warm-up and then {@code seconds}. */
    private double measure(int callers, int perCall, int seconds) throws InterruptedException {
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmUpEnd + seconds * 1_000_000_000L;
        AtomicLong appended = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(callers);
        long[] measuredFrom = new long[1];
        for (int t = 0; t < callers; t++) {
            SplittableRandom random = new SplittableRandom(t * 7919L + perCall);
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        List<InteractionDraft> drafts = drafts(random, perCall);
                        store.appendInteractions(drafts);
                        if (System.nanoTime() > warmUpEnd) appended.addAndGet(perCall);
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(Math.max(0, (warmUpEnd - System.nanoTime()) / 1_000_000));
        measuredFrom[0] = System.nanoTime();
        long before = appended.get();
        finished.await();
        return (appended.get() - before) / ((System.nanoTime() - measuredFrom[0]) / 1e9);
    }

    /** Like the UUIDs clients send: random, so they land all over the key index. */
    private static String randomKey(SplittableRandom random) {
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    private List<InteractionDraft> drafts(SplittableRandom random, int count) {
        List<InteractionDraft> drafts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drafts.add(new InteractionDraft(TENANT, "u" + random.nextInt(USERS), "product", "p" + random.nextInt(ENTITIES),
                    "view", InteractionTypeForm.PLAIN, 1.0, null, Map.of(), null,
                    keys ? randomKey(random) : null));
        }
        return drafts;
    }
}
