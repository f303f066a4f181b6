package dev.lodestone.core.engine.learned;

/**
 * The learned model a tenant serves, with its column of each catalogue index (−1: not modelled; indexes past the
 * array's end were interned after the model and are not modelled either).
 */
public record LearnedState(EaseModel model, int[] columns) {
    public int columnOf(int item) {
        return item < columns.length ? columns[item] : -1;
    }
}
