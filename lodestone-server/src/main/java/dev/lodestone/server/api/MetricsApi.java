package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.metrics.ServerMetrics;

import java.util.List;

/**
 * {@code GET /metrics}: Prometheus text exposition. Without a key on loopback or with {@code METRICS_PUBLIC=true};
 * else the admin key (the series name every tenant and its size).
 */
public final class MetricsApi {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;
    private final Access access;

    /** @param open whether the metrics answer without a key */
    public MetricsApi(ServerMetrics metrics, boolean open) {
        this.metrics = metrics;
        this.access = open ? Access.PUBLIC : Access.ADMIN;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/metrics", access, ex -> ex.respondText(200, PROMETHEUS_TEXT, metrics.scrape())));
    }
}
