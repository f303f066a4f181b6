package dev.lodestone.core.engine.content;

import dev.lodestone.core.engine.rank.RowTable;
import it.unimi.dsi.fastutil.ints.IntComparator;

/**
 * Per entity, the {@link #K} entities with the most similar content vector: a candidate list, computed by one posting
 * search on first use and kept until the entity's attributes change (its {@link ContentIndex#stamp stamp}) or the
 * catalogue grew by {@link #CATALOGUE_GROWTH}; IDF refreshes keep it. Entities added or changed later are not in older
 * rows: callers add the newest entities as candidates themselves, and always score candidates with the live vectors.
 *
 * <p>Callers hold the tenant's read (or write) lock; rows are immutable and published by a plain array store, like
 * the item-kNN rows.
 */
public final class ContentNeighbours {
    public static final int K = 50;

    /** Entities added since a row was computed, as a share of those then, after which it is computed again. */
    static final double CATALOGUE_GROWTH = 0.1;

    private record Row(int[] items, int stamp, int documents) {
        boolean currentFor(ContentIndex content, int item) {
            return stamp == content.stamp(item)
                    && content.documents() <= documents + Math.max(16, (int) (documents * CATALOGUE_GROWTH));
        }
    }

    private final RowTable<Row> rows = new RowTable<>();

    /** A current row as saved: its items and the catalogue size it was computed at. */
    public record Saved(int[] items, int documents) {
    }

    /** The row of {@code item} if it is computed and current, else null (nothing is computed). */
    public Saved saved(ContentIndex content, int item) {
        Row row = rows.get(item);
        return row != null && content.has(item) && row.currentFor(content, item) ? new Saved(row.items, row.documents) : null;
    }

    /**
     * Installs a saved row of {@code item}, current for its present attributes: the caller has checked that they are
     * the ones the row was computed for ({@link ContentIndex#fingerprint}).
     */
    public void restore(ContentIndex content, int item, Saved saved) {
        rows.put(item, new Row(saved.items(), content.stamp(item), saved.documents()));
    }

    /** Indexes of the entities most similar to {@code item} (best first; empty when it has no vector). */
    public int[] row(ContentIndex content, int item, IntComparator tieBreak) {
        if (!content.has(item)) return new int[0];
        Row row = rows.get(item);
        if (row != null && row.currentFor(content, item)) return row.items;
        ContentIndex.Profile profile = content.newProfile();
        profile.add(item, 1f);
        // no vector yet (a bulk load computes them at its end): nothing to keep
        if (!profile.finish()) return new int[0];
        row = new Row(content.nearest(profile, K, item, tieBreak), content.stamp(item), content.documents());
        rows.put(item, row);
        return row.items;
    }
}
