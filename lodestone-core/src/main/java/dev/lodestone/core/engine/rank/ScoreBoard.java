package dev.lodestone.core.engine.rank;

import java.util.Arrays;

/**
 * Scores of a sparse set of dense int indexes (items or users) for one request: an array slot per index plus the
 * list of indexes that have one, so adding and looking up are array accesses and clearing costs only what was
 * touched. Reused across requests (pooled by the model); not thread-safe.
 */
public final class ScoreBoard {
    private float[] values = new float[0];
    private boolean[] present = new boolean[0];
    private int[] touched = new int[256];
    private int size;

    /** Adds {@code v} to the score of {@code i} (which gets one, 0 + v, if it had none). */
    public void add(int i, float v) {
        mark(i);
        values[i] += v;
    }

    public void put(int i, float v) {
        mark(i);
        values[i] = v;
    }

    private void mark(int i) {
        if (i >= present.length) grow(i + 1);
        if (present[i]) return;
        present[i] = true;
        if (size == touched.length) touched = Arrays.copyOf(touched, size * 2);
        touched[size++] = i;
    }

    private void grow(int capacity) {
        int n = Math.max(capacity, present.length + present.length / 2);
        values = Arrays.copyOf(values, n);
        present = Arrays.copyOf(present, n);
    }

    public boolean contains(int i) {
        return i < present.length && present[i];
    }

    /** The score of {@code i}, 0 when it has none. */
    public float get(int i) {
        return i < values.length ? values[i] : 0f;
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

    public float max() {
        float max = 0;
        for (int k = 0; k < size; k++) max = Math.max(max, values[touched[k]]);
        return max;
    }

    public void clear() {
        for (int k = 0; k < size; k++) {
            int i = touched[k];
            values[i] = 0;
            present[i] = false;
        }
        size = 0;
    }
}
