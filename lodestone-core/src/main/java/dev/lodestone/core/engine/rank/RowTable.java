package dev.lodestone.core.engine.rank;

import java.util.Arrays;

/**
 * Per-index cached rows (neighbour lists) that readers under a shared lock compute and install concurrently. Rows
 * must be immutable (final fields only), so a plain array store publishes them safely; a row stored while another
 * thread grows the table may be lost, which only means it is computed again.
 */
public final class RowTable<R> {
    private volatile Object[] rows = new Object[0];

    /** The row of {@code index}, or null. */
    @SuppressWarnings("unchecked")
    public R get(int index) {
        Object[] current = rows;
        return index < current.length ? (R) current[index] : null;
    }

    public void put(int index, R row) {
        Object[] current = rows;
        if (index >= current.length) {
            synchronized (this) {
                current = rows;
                if (index >= current.length) {
                    current = Arrays.copyOf(current, Math.max(index + 1, current.length * 2));
                    rows = current;
                }
            }
        }
        current[index] = row;
    }

    /** Rows held (for diagnostics). */
    public int count() {
        int n = 0;
        for (Object r : rows) if (r != null) n++;
        return n;
    }
}
