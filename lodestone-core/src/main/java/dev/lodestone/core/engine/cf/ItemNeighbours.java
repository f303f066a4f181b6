package dev.lodestone.core.engine.cf;

import dev.lodestone.core.engine.rank.RowTable;
import dev.lodestone.core.engine.rank.TopK;

import java.util.Arrays;

/**
 * Top-K item-to-item cosine neighbours (with shrinkage) over positive implicit preferences.
 *
 * <p>Rows are immutable and carry the item's {@link InteractionMatrix#itemStamp stamp} at computation time; a row
 * whose item was touched since is recomputed on its next use ({@link #row}), so the items a user just interacted with
 * always have fresh neighbours. {@link #rebuildRow} refreshes a row unconditionally (the background full rebuild,
 * which also picks up the changed norms of the neighbours). Callers hold the tenant's read lock (or write lock) so
 * the matrix does not change under a computation; rows are published by a plain array store, safe because
 * {@link Row} has only final fields.
 */
public final class ItemNeighbours {
    public static final int K = 50;
    /** Added to the cosine denominator: pairs seen by few users get damped similarity. */
    static final double SHRINK = 2.0;
    /** Bounds on the work of one row: most recent users of the item, most recent items of each user. */
    static final int MAX_USERS_PER_ITEM = 2000;
    static final int MAX_ITEMS_PER_USER = 300;

    /**
     * A row is reused until its item got more than 1/this of its user count in new interactions: one more view of a
     * popular item barely moves its similarities, and recomputing it (thousands of co-interactions) on every write
     * would cost more than the request. Items with few users are recomputed on every change.
     */
    static final int STALE_SHARE = 20;

    public record Row(int[] items, float[] similarities, int stamp) {
        static final Row EMPTY = new Row(new int[0], new float[0], Integer.MIN_VALUE);

        public int size() {
            return items.length;
        }
    }

    private final RowTable<Row> rows = new RowTable<>();

    /** The current row of {@code item}, recomputed first when the item changed since it was computed. */
    public Row row(InteractionMatrix matrix, int item, Scratch scratch) {
        Row row = rows.get(item);
        int stamp = matrix.itemStamp(item);
        if (row != null && stamp - row.stamp <= matrix.itemSize(item) / STALE_SHARE) return row;
        if (matrix.itemSize(item) == 0) return Row.EMPTY;
        return rebuildRow(matrix, item, scratch);
    }

    /** The row held for {@code item} (current or not), or null: nothing is computed. */
    public Row held(int item) {
        return rows.get(item);
    }

    /** Whether {@link #row} would answer from the row held, without recomputing it. */
    public boolean isCurrent(InteractionMatrix matrix, int item) {
        Row row = rows.get(item);
        return row != null && matrix.itemStamp(item) - row.stamp <= matrix.itemSize(item) / STALE_SHARE;
    }

    /** Installs a row computed elsewhere (a saved one); its stamp says how current it is. */
    public void restore(int item, Row row) {
        rows.put(item, row);
    }

    /** Computes and installs the row of {@code item}. */
    public Row rebuildRow(InteractionMatrix matrix, int item, Scratch scratch) {
        Row row = compute(matrix, item, scratch);
        rows.put(item, row);
        return row;
    }

    /** Neighbour rows held (for diagnostics). */
    public int rowCount() {
        return rows.count();
    }

    private static Row compute(InteractionMatrix matrix, int item, Scratch scratch) {
        int stamp = matrix.itemStamp(item);
        int userCount = matrix.itemSize(item);
        if (userCount == 0) return new Row(new int[0], new float[0], stamp);
        scratch.ensure(matrix.itemCount());
        double[] acc = scratch.acc;
        int[] touched = scratch.touched;
        int touchedCount = 0;
        int[] users = matrix.itemUsers(item);
        float[] prefs = matrix.itemPreferences(item);
        for (int k = userCount - 1; k >= Math.max(0, userCount - MAX_USERS_PER_ITEM); k--) {
            float pu = prefs[k];
            if (pu <= 0) continue;
            int u = users[k];
            int n = matrix.userSize(u);
            int[] its = matrix.userItems(u);
            float[] ps = matrix.userPreferences(u);
            for (int m = n - 1; m >= Math.max(0, n - MAX_ITEMS_PER_USER); m--) {
                int j = its[m];
                if (j == item) continue;
                float pj = ps[m];
                if (pj <= 0) continue;
                if (acc[j] == 0) {
                    if (touchedCount == touched.length) touched = scratch.touched = Arrays.copyOf(touched, touchedCount * 2);
                    touched[touchedCount++] = j;
                }
                acc[j] += (double) pu * pj;
            }
        }
        TopK top = new TopK(K);
        double normI = matrix.itemNorm(item);
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            double sim = acc[j] / (normI * matrix.itemNorm(j) + SHRINK);
            acc[j] = 0;
            top.offer(j, sim);
        }
        int[] order = top.indexesByScore();
        double[] sims = top.scoresByScore();
        float[] similarities = new float[sims.length];
        for (int t = 0; t < sims.length; t++) similarities[t] = (float) sims[t];
        return new Row(order, similarities, stamp);
    }

    /** Reusable accumulators of one thread's row computations. */
    public static final class Scratch {
        double[] acc = new double[0];
        int[] touched = new int[256];

        void ensure(int items) {
            if (acc.length < items) acc = new double[items + items / 2];
        }
    }
}
