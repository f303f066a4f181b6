package dev.lodestone.bench.faults;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fault campaign: runs the server jar as a child process on each store, puts write load on it and SIGKILLs and
 * SIGTERMs it several times mid-load, restarting it each time; then counts every acknowledged write against the
 * store. A lost acknowledged write, or a write refused with 503 that is stored anyway, fails the campaign; so does a
 * SIGTERM after which the process takes longer than its grace period + 1 s to exit (issue 9: the drain of in-flight
 * requests must not hold the exit), measured from the signal to the process's exit.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Kill the server under write load (SIGKILL and SIGTERM) on each store; count acknowledged writes afterwards.")
public final class FaultsCommand implements Callable<Integer> {
    @Option(names = "--server-jar", description = "The server jar (default: ${DEFAULT-VALUE})")
    Path serverJar = Path.of("lodestone-server/target/lodestone.jar");

    @Option(names = "--stores", split = ",", description = "sqlite, postgresql or both (default: ${DEFAULT-VALUE})")
    List<String> stores = List.of("sqlite", "postgresql");

    @Option(names = "--database-url", description = "PostgreSQL to use (default: a private one, initdb in a temporary directory)")
    String databaseUrl;

    @Option(names = "--kills", description = "SIGKILLs per store (default: ${DEFAULT-VALUE})")
    int kills = 3;

    @Option(names = "--terms", description = "SIGTERMs per store (default: ${DEFAULT-VALUE})")
    int terms = 2;

    @Option(names = "--writers", description = "Concurrent writers (default: ${DEFAULT-VALUE})")
    int writers = 8;

    @Option(names = "--cycle", converter = dev.lodestone.bench.cli.DurationConverter.class,
            description = "Load before each kill, e.g. 5s (default: ${DEFAULT-VALUE})")
    Duration cycle = Duration.ofSeconds(5);

    /** The server's SHUTDOWN_GRACE_SECS in the campaign: a SIGTERMed server must exit within this + {@link #EXIT_SLACK}. */
    static final Duration GRACE = Duration.ofSeconds(1);
    static final Duration EXIT_SLACK = Duration.ofSeconds(1);

    /** @param slowestExit the longest time from a mid-load SIGTERM to the process's exit (zero without SIGTERMs) */
    record Outcome(String store, int kills, int terms, int acknowledged, int lost, int refused, int refusedButStored,
                   long noAnswer, long otherStatus, Duration slowestExit, Duration took) {
        boolean exitsInTime() {
            return slowestExit.compareTo(GRACE.plus(EXIT_SLACK)) <= 0;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(serverJar)) {
            System.err.println("faults: " + serverJar + " not found; run './lodestone build' first");
            return 2;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String store : stores) {
            switch (store) {
                case "sqlite" -> {
                    Path dir = Files.createTempDirectory("lodestone-faults-");
                    outcomes.add(campaign("sqlite", Map.of("DATA_DIR", dir.resolve("data").toString())));
                }
                case "postgresql" -> {
                    if (databaseUrl != null) {
                        outcomes.add(campaign("postgresql", Map.of("DATABASE_URL", databaseUrl)));
                    } else {
                        try (var pg = PrivatePostgres.start()) {
                            outcomes.add(campaign("postgresql", Map.of("DATABASE_URL", pg.url())));
                        }
                    }
                }
                default -> {
                    System.err.println("faults: unknown store " + store);
                    return 2;
                }
            }
        }
        System.out.println();
        System.out.println("| store | SIGKILL | SIGTERM | acknowledged | lost | refused (503) | refused but stored | no answer (cut by the kill) | other status | SIGTERM → exit, max (limit " + GRACE.plus(EXIT_SLACK).toSeconds() + " s) | time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        boolean failed = false;
        for (Outcome o : outcomes) {
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.2f s%s | %d s |%n", o.store(), o.kills(), o.terms(),
                    o.acknowledged(), o.lost(), o.refused(), o.refusedButStored(), o.noAnswer(), o.otherStatus(),
                    o.slowestExit().toMillis() / 1000.0, o.exitsInTime() ? "" : " **over**", o.took().toSeconds());
            failed |= o.lost() > 0 || o.refusedButStored() > 0 || !o.exitsInTime();
        }
        return failed ? 1 : 0;
    }

    private Outcome campaign(String store, Map<String, String> storeEnv) throws Exception {
        long start = System.nanoTime();
        Path log = Files.createTempFile("lodestone-faults-" + store, ".log");
        Map<String, String> env = new HashMap<>(storeEnv);
        env.put("SHUTDOWN_GRACE_SECS", Long.toString(GRACE.toSeconds()));
        env.put("SHUTDOWN_TIMEOUT_SECS", "5");
        var server = new ServerChild(serverJar, env, List.of("-Xms128m", "-Xmx512m"), log);
        var load = new WriteLoad(store + "-" + Instant.now().toEpochMilli());
        System.out.printf("faults: %s: server log %s%n", store, log);
        server.start(Duration.ofSeconds(120));
        List<Boolean> plan = new ArrayList<>(); // true = SIGKILL, false = SIGTERM, interleaved
        for (int i = 0; i < Math.max(kills, terms); i++) {
            if (i < kills) plan.add(true);
            if (i < terms) plan.add(false);
        }
        Duration slowestExit = Duration.ZERO;
        for (boolean sigkill : plan) {
            var running = new AtomicBoolean(true);
            var threads = load.start(server.base(), writers, running);
            long loadMillis = cycle.toMillis() / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, cycle.toMillis() / 2));
            Thread.sleep(loadMillis);
            String how;
            if (sigkill) {
                server.kill();
                how = "SIGKILL";
            } else {
                var ended = server.terminate(Duration.ofSeconds(15));
                if (ended.took().compareTo(slowestExit) > 0) slowestExit = ended.took();
                how = "SIGTERM (exit " + ended.exitCode() + " after " + ended.took().toMillis() + " ms)";
            }
            running.set(false);
            for (Thread t : threads) t.join();
            System.out.printf("faults: %s: %s after %d ms of load; %d acknowledged so far%n", store, how, loadMillis,
                    load.acknowledged.size());
            server.start(Duration.ofSeconds(120));
        }
        int lost = 0;
        for (String user : load.acknowledged) if (!load.stored(server.base(), user)) lost++;
        int refusedButStored = 0;
        for (String user : load.refused) if (load.stored(server.base(), user)) refusedButStored++;
        server.terminate(Duration.ofSeconds(15));
        System.out.printf("faults: %s: %d acknowledged, %d lost, %d refused, %d refused but stored%n", store,
                load.acknowledged.size(), lost, load.refused.size(), refusedButStored);
        return new Outcome(store, kills, terms, load.acknowledged.size(), lost, load.refused.size(), refusedButStored,
                load.noAnswer.get(), load.otherStatus.get(), slowestExit, Duration.ofNanos(System.nanoTime() - start));
    }
}
