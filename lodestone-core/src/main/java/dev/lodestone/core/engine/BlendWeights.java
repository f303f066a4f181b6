package dev.lodestone.core.engine;

/**
 * How a hybrid list weighs collaborative evidence (item-kNN, user-kNN and the learned model together) against content
 * similarity. The one value type for the deployment default (configuration), a request's override (API) and the
 * engine's blend.
 *
 * @param collaborative 0..1
 * @param content       0..1; the two sum to 1 (±0.001)
 */
public record BlendWeights(double collaborative, double content) {
    public static final BlendWeights DEFAULT = new BlendWeights(0.7, 0.3);
    private static final double TOLERANCE = 0.001;

    public BlendWeights {
        if (!(collaborative >= 0 && collaborative <= 1) || !(content >= 0 && content <= 1)) {
            throw new IllegalArgumentException("blend weights must be between 0 and 1");
        }
        if (Math.abs(collaborative + content - 1) > TOLERANCE) {
            throw new IllegalArgumentException("collaborative and content weights must sum to 1 (±0.001)");
        }
    }

    /**
     * Weights from what was given: one of the two implies the other; neither gives {@code fallback} (which may be
     * null). Throws {@link IllegalArgumentException} with a user-facing message when out of range or not summing to 1.
     */
    public static BlendWeights of(Double collaborative, Double content, BlendWeights fallback) {
        for (Double w : new Double[] {collaborative, content}) {
            if (w != null && !(w >= 0 && w <= 1)) throw new IllegalArgumentException("blend weights must be between 0 and 1");
        }
        if (collaborative == null && content == null) return fallback;
        if (collaborative == null) return new BlendWeights(1 - content, content);
        if (content == null) return new BlendWeights(collaborative, 1 - collaborative);
        return new BlendWeights(collaborative, content);
    }
}
