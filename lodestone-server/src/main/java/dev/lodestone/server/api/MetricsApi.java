package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.metrics.ServerMetrics;

import java.util.List;

/** {@code GET /metrics}: Prometheus text exposition, no key needed (like /health and /ready). */
public final class MetricsApi {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;

    public MetricsApi(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/metrics", Access.PUBLIC, ex -> ex.respondText(200, PROMETHEUS_TEXT, metrics.scrape())));
    }
}
