package dev.lodestone.bench.datagen;

/**
 * One generated event. Mutable and reused by the generator so streaming 10M interactions allocates nothing per
 * event; consumers must copy what they keep.
 */
public final class SyntheticInteraction {
    public int user;
    public int entity;
    public InteractionKind kind;
    /** The rating for {@link InteractionKind#RATING}, NaN otherwise. */
    public double rating;
    public long epochSecond;
    public long session;

    /** The weight the server would resolve with its default registry (dislike is sent with an explicit weight). */
    public double weight() {
        return kind == InteractionKind.RATING ? rating : kind.defaultWeight();
    }
}
