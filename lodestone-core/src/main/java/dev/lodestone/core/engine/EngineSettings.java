package dev.lodestone.core.engine;

import java.time.Duration;

/**
 * Deployment-wide engine defaults.
 *
 * @param weights            default hybrid blend of collaborative and content sources
 * @param trendingWindowDays default window of trending lists
 * @param cacheTtl           longest life of a cached list (writes invalidate sooner); zero turns the cache off
 */
public record EngineSettings(BlendWeights weights, double trendingWindowDays, Duration cacheTtl) {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    public EngineSettings {
        if (weights == null) throw new IllegalArgumentException("weights are required");
        if (cacheTtl == null || cacheTtl.isNegative()) throw new IllegalArgumentException("cacheTtl must be zero or positive");
    }

    public EngineSettings(BlendWeights weights, double trendingWindowDays) {
        this(weights, trendingWindowDays, DEFAULT_CACHE_TTL);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(BlendWeights.DEFAULT, 7);
    }
}
