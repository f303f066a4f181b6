package dev.lodestone.core.engine;

import java.time.Duration;

/**
 * Deployment-wide engine defaults.
 *
 * @param collaborativeWeight default hybrid weight of collaborative sources (content gets 1 − it)
 * @param trendingWindowDays  default window of trending lists
 * @param cacheTtl            longest life of a cached list (writes invalidate sooner); zero turns the cache off
 */
public record EngineSettings(double collaborativeWeight, double contentWeight, double trendingWindowDays,
                             Duration cacheTtl) {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    public EngineSettings {
        if (cacheTtl == null || cacheTtl.isNegative()) throw new IllegalArgumentException("cacheTtl must be zero or positive");
    }

    public EngineSettings(double collaborativeWeight, double contentWeight, double trendingWindowDays) {
        this(collaborativeWeight, contentWeight, trendingWindowDays, DEFAULT_CACHE_TTL);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(0.7, 0.3, 7);
    }
}
