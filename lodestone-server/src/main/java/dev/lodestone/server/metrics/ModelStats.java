package dev.lodestone.server.metrics;

import dev.lodestone.core.engine.TenantModel;

import java.time.Instant;

/**
 * What the metrics read from a tenant's model beyond its counts. The engine's {@link TenantModel} does not expose
 * cache counters or its build time yet; the wiring supplies a reader once it does (until then {@link #NONE}, and
 * the cache and model-age series are not published rather than published as fake zeros).
 */
public interface ModelStats {
    ModelStats NONE = model -> null;

    /** Null when the model reports nothing. */
    Snapshot of(TenantModel model);

    /**
     * @param cacheHits   recommendation cache hits since start
     * @param cacheMisses recommendation cache misses since start
     * @param builtAt     when the model was last (re)built, or null
     */
    record Snapshot(long cacheHits, long cacheMisses, Instant builtAt) {
    }
}
