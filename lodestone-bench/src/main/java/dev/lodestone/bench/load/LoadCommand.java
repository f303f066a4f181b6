package dev.lodestone.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.DurationConverter;
import dev.lodestone.bench.cli.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"HTTP load generator: closed loop with N connections, or open loop at --rate with latencies",
                "corrected for coordinated omission. Exits 1 when a threshold (--min-rps, --max-p99-ms, --max-error-rate) fails."})
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;
    @Option(names = "--scenario", defaultValue = "validator", converter = Scenario.Converter.class,
            description = "validator | similar | trending | mix | ingest-single | ingest-bulk | health (default ${DEFAULT-VALUE})")
    Scenario scenario;
    @Option(names = {"-c", "--connections"}, defaultValue = "1000", description = "Concurrent connections (default ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--threads", defaultValue = "2", description = "Event-loop threads sharing the connections, as wrk's -t (default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = {"-d", "--duration"}, defaultValue = "60s", converter = DurationConverter.class, description = "Measured time (default ${DEFAULT-VALUE})")
    Duration duration;
    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class, description = "Unmeasured time before it (default ${DEFAULT-VALUE})")
    Duration warmup;
    @Option(names = "--rate", defaultValue = "0", description = "Requests/s over all connections: open loop when > 0 (default closed loop)")
    double rate;
    @Option(names = "--users", defaultValue = "1000", description = "Draw users from user_1..user_N (default ${DEFAULT-VALUE})")
    int users;
    @Option(names = "--entities", defaultValue = "1000", description = "Draw entities from item_1..item_N (default ${DEFAULT-VALUE})")
    int entities;
    @Option(names = "--entity-type", defaultValue = "product", description = "entity_type of the entities (default ${DEFAULT-VALUE})")
    String entityType;
    @Option(names = "--data", description = "A datagen directory: draw users and entities from its groups.csv (or interactions.csv)")
    Path data;
    @Option(names = "--write-share", defaultValue = "0.1", description = "Share of writes in the mix scenario (default ${DEFAULT-VALUE})")
    double writeShare;
    @Option(names = "--batch", defaultValue = "1000", description = "Interactions per request in ingest-bulk (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, description = "Connect and read timeout (default ${DEFAULT-VALUE})")
    Duration timeout;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the request mix (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--server-pid", description = "Read this local process's resident memory (VmRSS) at the end")
    Long serverPid;
    @Option(names = "--json", description = "Also write the result as JSON to this file")
    Path json;
    @Option(names = "--min-rps", description = "Fail when throughput is below this")
    Double minRps;
    @Option(names = "--max-p99-ms", description = "Fail when p99 latency (ms) is above this")
    Double maxP99Ms;
    @Option(names = "--max-error-rate", description = "Fail when the share of non-2xx or failed requests is above this (0..1)")
    Double maxErrorRate;

    @Override
    public Integer call() throws Exception {
        if (target.target == null) {
            System.err.println("load: --target is required, e.g. --target http://127.0.0.1:8080");
            return 2;
        }
        IdSource ids = data != null ? IdSource.fromDirectory(data, entityType) : IdSource.ranges(users, entities, entityType);
        var workload = new Workload(scenario, ids, target, writeShare, batch);
        var plan = new LoadPlan(connections, threads, warmup, duration, rate, timeout, seed);
        System.err.printf(Locale.ROOT, "load: %s against %s, %d connections on %d threads, %s%s%n", scenario.cliName(), target.base(), connections, plan.loops(),
                rate > 0 ? "open loop at " + rate + " req/s" : "closed loop", ", warm-up " + warmup.toMillis() / 1000.0 + " s, measuring " + duration.toMillis() / 1000.0 + " s");
        LoadResult result = new LoadRun(target.target, workload, plan).run();
        if (serverPid != null) {
            result.serverMemory = ServerMemory.of(serverPid).orElse(null);
            if (result.serverMemory == null) System.err.println("load: cannot read /proc/" + serverPid + "/status");
        }
        result.printTable(System.out);
        var violations = violations(result);
        if (json != null) {
            var m = result.toMap();
            m.put("threshold_violations", violations);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), m);
        }
        for (String v : violations) System.out.println("THRESHOLD FAILED: " + v);
        return violations.isEmpty() ? 0 : 1;
    }

    List<String> violations(LoadResult r) {
        List<String> out = new ArrayList<>();
        if (minRps != null && r.throughput() < minRps) out.add(String.format(Locale.ROOT, "throughput %.1f req/s < %.1f", r.throughput(), minRps));
        if (maxP99Ms != null && r.p99Millis() > maxP99Ms) out.add(String.format(Locale.ROOT, "p99 %.2f ms > %.2f ms", r.p99Millis(), maxP99Ms));
        if (maxErrorRate != null && r.errorRate() > maxErrorRate) out.add(String.format(Locale.ROOT, "error rate %.5f > %.5f", r.errorRate(), maxErrorRate));
        if (r.requests() == 0) out.add("no request completed in the measured window");
        return out;
    }
}
