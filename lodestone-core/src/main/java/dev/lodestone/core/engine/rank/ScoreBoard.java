package dev.lodestone.core.engine.rank;

import java.util.Arrays;

/**
 * Scores of a sparse set of dense int indexes (items or users) for one request: an array slot per index plus the
 * list of indexes that have one, so adding and looking up are array accesses and clearing costs only what was
 * touched. Reused across requests (pooled by the model); not thread-safe.
 */
public final class ScoreBoard {
    /** Per index: 0 when it has no score, else its position in {@link #touched} / {@link #values} plus one. */
    private int[] slot = new int[0];
    private int[] touched = new int[256];
    private float[] values = new float[256];
    private int size;

    /** Adds {@code v} to the score of {@code i} (which gets one, 0 + v, if it had none). */
    public void add(int i, float v) {
        int p = position(i); // first: it may grow the arrays (values[position(i)] would read the old one)
        values[p] += v;
    }

    public void put(int i, float v) {
        int p = position(i);
        values[p] = v;
    }

    /** The dense position of {@code i}, given one (with score 0) if it had none: one random access per call. */
    private int position(int i) {
        if (i >= slot.length) slot = Arrays.copyOf(slot, Math.max(i + 1, slot.length + slot.length / 2));
        int p = slot[i] - 1;
        if (p >= 0) return p;
        if (size == touched.length) {
            touched = Arrays.copyOf(touched, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        touched[size] = i;
        values[size] = 0;
        slot[i] = size + 1;
        return size++;
    }

    public boolean contains(int i) {
        return i < slot.length && slot[i] != 0;
    }

    /** The score of {@code i}, 0 when it has none. */
    public float get(int i) {
        int p = i < slot.length ? slot[i] - 1 : -1;
        return p < 0 ? 0f : values[p];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The k-th index that got a score (in the order they first got one). */
    public int index(int k) {
        return touched[k];
    }

    /** The score of the k-th index that got one. */
    public float value(int k) {
        return values[k];
    }

    public float max() {
        float max = 0;
        for (int k = 0; k < size; k++) max = Math.max(max, values[k]);
        return max;
    }

    public void clear() {
        for (int k = 0; k < size; k++) slot[touched[k]] = 0;
        size = 0;
    }
}
