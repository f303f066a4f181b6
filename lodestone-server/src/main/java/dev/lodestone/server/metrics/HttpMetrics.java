package dev.lodestone.server.metrics;

import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.RequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_requests_total}, {@code http_request_duration_seconds} (histogram with fixed buckets) and
 * {@code http_requests_errors_total} (status ≥ 400), labelled {@code method}, {@code route} (the route template or
 * {@code unmatched}) and {@code status}. Labels come only from the route table, the HTTP method set and status
 * codes, never from ids a client sends, so cardinality stays bounded.
 */
public final class HttpMetrics implements RequestListener {
    /** Bucket bounds from 1 ms to 10 s: recommendation reads sit in the lowest, exports in the highest. */
    static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
            "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private record Key(String method, String route, int status) {
    }

    private record Meters(Counter requests, Timer duration, Counter errors) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(Exchange exchange, String method, String routeTemplate, int status, long nanos) {
        String m = KNOWN_METHODS.contains(method) ? method : "OTHER";
        Meters found = meters.computeIfAbsent(new Key(m, routeTemplate, status), this::register);
        found.requests().increment();
        found.duration().record(nanos, TimeUnit.NANOSECONDS);
        if (found.errors() != null) found.errors().increment();
    }

    private Meters register(Key key) {
        Tags tags = Tags.of("method", key.method(), "route", key.route(), "status", Integer.toString(key.status()));
        Counter requests = Counter.builder("http.requests").description("HTTP requests answered").tags(tags).register(registry);
        Timer duration = Timer.builder("http.request.duration").description("Time to answer an HTTP request")
                .tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
        Counter errors = key.status() >= 400
                ? Counter.builder("http.requests.errors").description("HTTP requests answered with status >= 400").tags(tags).register(registry)
                : null;
        return new Meters(requests, duration, errors);
    }
}
