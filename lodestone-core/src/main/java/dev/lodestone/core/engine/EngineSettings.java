package dev.lodestone.core.engine;

/**
 * Deployment-wide engine defaults.
 *
 * @param collaborativeWeight default hybrid weight of collaborative sources (content gets 1 − it)
 * @param trendingWindowDays  default window of trending lists
 */
public record EngineSettings(double collaborativeWeight, double contentWeight, double trendingWindowDays) {
    public static EngineSettings defaults() {
        return new EngineSettings(0.7, 0.3, 7);
    }
}
