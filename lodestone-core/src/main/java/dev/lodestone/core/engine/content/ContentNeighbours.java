package dev.lodestone.core.engine.content;

import dev.lodestone.core.engine.rank.RowTable;
import it.unimi.dsi.fastutil.ints.IntComparator;

/**
 * Per entity, the {@link #K} entities with the most similar content vector: a candidate list, computed by one scan on
 * first use and kept until the entity's vector changes (its {@link ContentIndex#stamp stamp}, which the model's full
 * rebuild bumps for all). Entities added or changed later are not in older rows; callers that need them (the newest
 * entities) add them as candidates themselves, and always score candidates with the live vectors.
 *
 * <p>Callers hold the tenant's read (or write) lock; rows are immutable and published by a plain array store, like
 * the item-kNN rows.
 */
public final class ContentNeighbours {
    public static final int K = 50;

    private record Row(int[] items, int stamp) {
    }

    private final RowTable<Row> rows = new RowTable<>();

    /** Indexes of the entities most similar to {@code item} (best first; empty when it has no vector). */
    public int[] row(ContentIndex content, int item, IntComparator tieBreak) {
        if (!content.has(item)) return new int[0];
        Row row = rows.get(item);
        int stamp = content.stamp(item);
        if (row != null && row.stamp == stamp) return row.items;
        row = new Row(nearest(content, item, tieBreak), stamp);
        rows.put(item, row);
        return row.items;
    }

    private static int[] nearest(ContentIndex content, int item, IntComparator tieBreak) {
        ContentIndex.Profile profile = content.newProfile();
        profile.add(item, 1f);
        if (!profile.finish()) return new int[0];
        return content.nearest(profile, K, item, tieBreak);
    }
}
