package dev.lodestone.bench.load;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The measured window of a load run: throughput, latency percentiles and errors, per operation and in total. */
public final class LoadResult {
    final String scenario;
    final LoadPlan plan;
    final double seconds;
    final Map<String, OperationResult> operations = new LinkedHashMap<>();
    final OperationResult total;
    final Map<String, Long> ioErrorKinds = new TreeMap<>();
    long connectionsOpened;
    /** Responses per connection in the measured window, sorted: a wide spread means the server favoured some connections. */
    long[] responsesPerConnection = new long[0];
    ServerMemory.Usage serverMemory;

    /** One operation's numbers (or all operations together). */
    record OperationResult(Histogram latency, Histogram serviceTime, Map<String, Long> responses, long items) {
        long requests() {
            return latency.getTotalCount();
        }

        long errors() {
            return responses.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum();
        }

        double errorRate() {
            return requests() == 0 ? 0 : (double) errors() / requests();
        }
    }

    private LoadResult(String scenario, LoadPlan plan, double seconds, OperationResult total) {
        this.scenario = scenario;
        this.plan = plan;
        this.seconds = seconds;
        this.total = total;
    }

    static LoadResult merge(Workload workload, LoadPlan plan, List<WorkerStats> stats, double seconds) {
        String[] names = workload.operationNames();
        var allLatency = new Histogram(3);
        var allService = new Histogram(3);
        Map<String, Long> allResponses = new TreeMap<>();
        long allItems = 0;
        var perOperation = new LinkedHashMap<String, OperationResult>();
        for (int op = 0; op < names.length; op++) {
            var latency = new Histogram(3);
            var service = new Histogram(3);
            long[] statuses = new long[600];
            long items = 0;
            for (WorkerStats s : stats) {
                latency.add(s.latency[op]);
                service.add(s.serviceTime[op]);
                for (int code = 0; code < 600; code++) statuses[code] += s.statuses[op][code];
                items += s.items[op];
            }
            Map<String, Long> responses = new TreeMap<>();
            for (int code = 0; code < 600; code++) {
                if (statuses[code] == 0) continue;
                String key = code == WorkerStats.IO_ERROR ? "io_error" : Integer.toString(code);
                responses.put(key, statuses[code]);
                allResponses.merge(key, statuses[code], Long::sum);
            }
            allLatency.add(latency);
            allService.add(service);
            allItems += items;
            perOperation.put(names[op], new OperationResult(latency, service, responses, items));
        }
        var result = new LoadResult(workload.scenarioName(), plan, seconds, new OperationResult(allLatency, allService, allResponses, allItems));
        result.operations.putAll(perOperation);
        result.connectionsOpened = stats.stream().mapToLong(s -> s.connectionsOpened).sum();
        for (WorkerStats s : stats) s.ioErrorKinds.forEach((k, v) -> result.ioErrorKinds.merge(k, v, Long::sum));
        result.responsesPerConnection = stats.stream().flatMapToLong(s -> java.util.Arrays.stream(s.responsesPerConnection)).sorted().toArray();
        return result;
    }

    public long requests() {
        return total.requests();
    }

    public double throughput() {
        return total.requests() / seconds;
    }

    public double errorRate() {
        return total.errorRate();
    }

    public double p99Millis() {
        return total.latency.getValueAtPercentile(99) / 1000.0;
    }

    public Map<String, Long> responses() {
        return total.responses;
    }

    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "scenario %s, %s loop, %d connections on %d threads%s, %.1f s measured (warm-up %.1f s)%n", scenario,
                plan.openLoop() ? "open" : "closed", plan.connections(), plan.loops(),
                plan.openLoop() ? String.format(Locale.ROOT, ", target %.0f req/s", plan.rate()) : "",
                seconds, plan.warmup().toMillis() / 1000.0);
        out.printf("%-24s %10s %10s %10s %9s %9s %9s %9s %9s  %s%n", "operation", "requests", "req/s", "items/s",
                "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "responses");
        for (var e : operations.entrySet()) row(out, e.getKey(), e.getValue());
        if (operations.size() > 1) row(out, "all", total);
        if (plan.openLoop()) {
            out.printf(Locale.ROOT, "latency is measured from the intended send time; without that correction p99 is %.2f ms%n",
                    total.serviceTime.getValueAtPercentile(99) / 1000.0);
        }
        out.printf(Locale.ROOT, "error rate %.4f%%%n", total.errorRate() * 100);
        ioErrorKinds.forEach((kind, n) -> out.printf("  io_error %,d × %s%n", n, kind));
        out.printf("connections opened %,d (including warm-up; more than --connections means the server closed some)%n", connectionsOpened);
        if (responsesPerConnection.length > 0) {
            out.printf("responses per connection: min %,d, median %,d, max %,d (a wide spread: the server served some connections first)%n",
                    responsesPerConnection[0], responsesPerConnection[responsesPerConnection.length / 2], responsesPerConnection[responsesPerConnection.length - 1]);
        }
        if (serverMemory != null) {
            out.printf(Locale.ROOT, "server resident memory %.1f MB (peak %.1f MB)%n", serverMemory.rssKb() / 1024.0, serverMemory.peakKb() / 1024.0);
        }
    }

    private void row(PrintStream out, String name, OperationResult r) {
        Histogram h = r.latency;
        out.printf(Locale.ROOT, "%-24s %10d %10.1f %10s %9.2f %9.2f %9.2f %9.2f %9.2f  %s%n", name, r.requests(), r.requests() / seconds,
                r.items() > 0 ? String.format(Locale.ROOT, "%.0f", r.items() / seconds) : "-",
                ms(h, 50), ms(h, 95), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, r.responses());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The result as a JSON-ready map (milliseconds, requests per second). */
    public Map<String, Object> toMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("scenario", scenario);
        m.put("mode", plan.openLoop() ? "open" : "closed");
        m.put("connections", plan.connections());
        m.put("threads", plan.loops());
        if (plan.openLoop()) m.put("target_rate", plan.rate());
        m.put("warmup_seconds", plan.warmup().toMillis() / 1000.0);
        m.put("measured_seconds", seconds);
        m.put("total", operationMap(total));
        var ops = new LinkedHashMap<String, Object>();
        operations.forEach((k, v) -> ops.put(k, operationMap(v)));
        m.put("operations", ops);
        if (!ioErrorKinds.isEmpty()) m.put("io_errors", ioErrorKinds);
        m.put("connections_opened", connectionsOpened);
        if (responsesPerConnection.length > 0) {
            var spread = new LinkedHashMap<String, Object>();
            spread.put("min", responsesPerConnection[0]);
            spread.put("median", responsesPerConnection[responsesPerConnection.length / 2]);
            spread.put("max", responsesPerConnection[responsesPerConnection.length - 1]);
            m.put("responses_per_connection", spread);
        }
        if (serverMemory != null) {
            m.put("server_rss_mb", serverMemory.rssKb() / 1024.0);
            m.put("server_peak_rss_mb", serverMemory.peakKb() / 1024.0);
        }
        return m;
    }

    private Map<String, Object> operationMap(OperationResult r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("requests", r.requests());
        m.put("throughput_rps", r.requests() / seconds);
        if (r.items() > 0) m.put("items_per_second", r.items() / seconds);
        var latency = new LinkedHashMap<String, Object>();
        latency.put("p50_ms", ms(r.latency, 50));
        latency.put("p90_ms", ms(r.latency, 90));
        latency.put("p95_ms", ms(r.latency, 95));
        latency.put("p99_ms", ms(r.latency, 99));
        latency.put("p999_ms", ms(r.latency, 99.9));
        latency.put("max_ms", r.latency.getMaxValue() / 1000.0);
        latency.put("mean_ms", r.latency.getMean() / 1000.0);
        m.put("latency", latency);
        if (plan.openLoop()) m.put("uncorrected_p99_ms", ms(r.serviceTime, 99));
        m.put("responses", r.responses());
        m.put("errors", r.errors());
        m.put("error_rate", r.errorRate());
        return m;
    }
}
