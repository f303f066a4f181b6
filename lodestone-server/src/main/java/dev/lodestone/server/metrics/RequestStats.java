package dev.lodestone.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * This node's request counters since start, summed from the HTTP metrics (the meters behind /metrics): totals,
 * errors, time spent, the cumulative latency histogram, and the same per route. A dashboard polls it and turns the
 * difference between two polls into a live rate, error rate and latency percentiles.
 */
public final class RequestStats {
    /** Counts of one route (or of all routes). {@code buckets}: requests answered within each bound (seconds), cumulative. */
    public record Counts(String method, String route, long requests, long errors, double seconds, double maxSeconds,
                         Map<String, Long> buckets) {
    }

    private final MeterRegistry registry;

    public RequestStats(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The total first, then each route with traffic, busiest first. */
    public List<Counts> snapshot() {
        Map<String, Acc> byRoute = new LinkedHashMap<>();
        Acc all = new Acc("*", "*");
        for (Timer t : registry.find("http.request.duration").timers()) {
            String method = t.getId().getTag("method");
            String route = t.getId().getTag("route");
            int status = Integer.parseInt(t.getId().getTag("status"));
            Acc acc = byRoute.computeIfAbsent(method + " " + route, k -> new Acc(method, route));
            var snapshot = t.takeSnapshot();
            for (Acc a : List.of(acc, all)) a.add(t.count(), status >= 400 ? t.count() : 0,
                    t.totalTime(TimeUnit.SECONDS), t.max(TimeUnit.SECONDS), snapshot.histogramCounts());
        }
        List<Counts> out = new ArrayList<>();
        out.add(all.counts());
        byRoute.values().stream().map(Acc::counts).sorted(Comparator.comparingLong(Counts::requests).reversed()).forEach(out::add);
        return out;
    }

    private static final class Acc {
        final String method;
        final String route;
        long requests;
        long errors;
        double seconds;
        double max;
        final Map<String, Long> buckets = new LinkedHashMap<>();

        Acc(String method, String route) {
            this.method = method;
            this.route = route;
        }

        void add(long count, long errorCount, double total, double maxSeconds, CountAtBucket[] histogram) {
            requests += count;
            errors += errorCount;
            seconds += total;
            max = Math.max(max, maxSeconds);
            for (CountAtBucket b : histogram) {
                buckets.merge(Double.toString(b.bucket(TimeUnit.SECONDS)), (long) b.count(), Long::sum);
            }
        }

        Counts counts() {
            return new Counts(method, route, requests, errors, seconds, max, buckets);
        }
    }
}
