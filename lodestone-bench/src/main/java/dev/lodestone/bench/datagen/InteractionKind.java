package dev.lodestone.bench.datagen;

/** The interaction types datagen emits, with their share of events and the weight the server resolves. */
public enum InteractionKind {
    VIEW("view", 0.65, 1),
    CLICK("click", 0.18, 1),
    ADD_TO_CART("add_to_cart", 0.08, 3),
    PURCHASE("purchase", 0.04, 5),
    RATING("rating", 0.03, Double.NaN),
    DISLIKE("dislike", 0.02, -2);

    private final String wireName;
    private final double share;
    private final double defaultWeight;

    InteractionKind(String wireName, double share, double defaultWeight) {
        this.wireName = wireName;
        this.share = share;
        this.defaultWeight = defaultWeight;
    }

    public String wireName() {
        return wireName;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** Whether the server's built-in registry lacks this type, so datagen must send the weight explicitly. */
    public boolean needsExplicitWeight() {
        return this == DISLIKE;
    }

    static InteractionKind sample(double uniform) {
        double acc = 0;
        for (InteractionKind k : values()) {
            acc += k.share;
            if (uniform < acc) return k;
        }
        return VIEW;
    }
}
