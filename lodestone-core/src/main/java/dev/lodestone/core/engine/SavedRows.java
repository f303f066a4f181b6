package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.model.EntityKey;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant model's neighbour rows (item-kNN and content) as a byte stream, so that a restart installs them instead of
 * computing them: the item-kNN rows in the load's critical path and every content row that a request would otherwise
 * compute on first use.
 *
 * <p>Rows name entities by key (indexes are not stable across restarts). A restored row is only as current as its
 * evidence: a content row is kept when its entity's {@link ContentIndex#fingerprint fingerprint} is unchanged (and
 * then follows the usual catalogue-growth rule); an item-kNN row gets a stamp that counts the item's interactions
 * after the save as changes, so the usual staleness rule recomputes rows of items that moved since.
 */
final class SavedRows {
    private static final int MAGIC = 0x4C535231; // "LSR1"

    private final long interactionMark;
    private final EntityKey[] keys;
    private final List<ContentRow> contentRows;
    private final List<ItemRow> itemRows;

    private record ContentRow(int item, long fingerprint, ContentNeighbours.Saved saved) {
    }

    /** {@code staleness}: the item's interactions between the row's computation and the save. */
    private record ItemRow(int item, int staleness, ItemNeighbours.Row row) {
    }

    private SavedRows(long interactionMark, EntityKey[] keys, List<ContentRow> contentRows, List<ItemRow> itemRows) {
        this.interactionMark = interactionMark;
        this.keys = keys;
        this.contentRows = contentRows;
        this.itemRows = itemRows;
    }

    /** The highest interaction id applied when the rows were saved. */
    long interactionMark() {
        return interactionMark;
    }

    /** The current rows of a model (caller holds its read lock; rows are immutable, so they are only referenced). */
    static SavedRows capture(EntityCatalog catalog, InteractionMatrix matrix, ItemNeighbours neighbours,
                             ContentIndex content, ContentNeighbours contentNeighbours, long interactionMark) {
        int size = catalog.size();
        EntityKey[] keys = new EntityKey[size];
        for (int i = 0; i < size; i++) keys[i] = catalog.key(i);
        List<ContentRow> contentRows = new ArrayList<>();
        List<ItemRow> itemRows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ContentNeighbours.Saved saved = contentNeighbours.saved(content, i);
            if (saved != null) contentRows.add(new ContentRow(i, content.fingerprint(i), saved));
            ItemNeighbours.Row row = i < matrix.itemCount() ? neighbours.held(i) : null;
            if (row != null && row.size() > 0) itemRows.add(new ItemRow(i, Math.max(0, matrix.itemStamp(i) - row.stamp()), row));
        }
        return new SavedRows(interactionMark, keys, contentRows, itemRows);
    }

    void writeTo(OutputStream stream) throws IOException {
        var out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        out.writeInt(MAGIC);
        out.writeLong(interactionMark);
        out.writeInt(keys.length);
        for (EntityKey k : keys) {
            out.writeUTF(k.type());
            out.writeUTF(k.id());
        }
        out.writeInt(contentRows.size());
        for (ContentRow r : contentRows) {
            out.writeInt(r.item);
            out.writeLong(r.fingerprint);
            out.writeInt(r.saved.documents());
            int[] items = r.saved.items();
            out.writeInt(items.length);
            for (int j : items) out.writeInt(j);
        }
        out.writeInt(itemRows.size());
        for (ItemRow r : itemRows) {
            out.writeInt(r.item);
            out.writeInt(r.staleness);
            int[] items = r.row.items();
            float[] sims = r.row.similarities();
            out.writeInt(items.length);
            for (int t = 0; t < items.length; t++) {
                out.writeInt(items[t]);
                out.writeFloat(sims[t]);
            }
        }
        out.flush();
    }

    static SavedRows readFrom(InputStream stream) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        if (in.readInt() != MAGIC) throw new IOException("not a saved-rows stream");
        long mark = in.readLong();
        EntityKey[] keys = new EntityKey[count(in)];
        for (int i = 0; i < keys.length; i++) keys[i] = new EntityKey(in.readUTF(), in.readUTF());
        int contentCount = count(in);
        List<ContentRow> contentRows = new ArrayList<>(contentCount);
        for (int r = 0; r < contentCount; r++) {
            int item = index(in, keys.length);
            long fingerprint = in.readLong();
            int documents = in.readInt();
            int[] items = new int[count(in)];
            for (int t = 0; t < items.length; t++) items[t] = index(in, keys.length);
            contentRows.add(new ContentRow(item, fingerprint, new ContentNeighbours.Saved(items, documents)));
        }
        int itemCount = count(in);
        List<ItemRow> itemRows = new ArrayList<>(itemCount);
        for (int r = 0; r < itemCount; r++) {
            int item = index(in, keys.length);
            int staleness = in.readInt();
            int n = count(in);
            int[] items = new int[n];
            float[] sims = new float[n];
            for (int t = 0; t < n; t++) {
                items[t] = index(in, keys.length);
                sims[t] = in.readFloat();
            }
            itemRows.add(new ItemRow(item, staleness, new ItemNeighbours.Row(items, sims, 0)));
        }
        return new SavedRows(mark, keys, contentRows, itemRows);
    }

    /**
     * Installs the rows into a freshly loaded model whose content vectors are computed (caller holds the write lock).
     *
     * @param newSince per item index, its interactions loaded with an id above {@link #interactionMark}
     * @return rows installed: {content, item-kNN}
     */
    int[] install(EntityCatalog catalog, InteractionMatrix matrix, ItemNeighbours neighbours, ContentIndex content,
                  ContentNeighbours contentNeighbours, int[] newSince) {
        int[] map = new int[keys.length];
        for (int i = 0; i < keys.length; i++) map[i] = catalog.indexOf(keys[i]);
        int contentInstalled = 0;
        for (ContentRow r : contentRows) {
            int item = map[r.item];
            if (item < 0 || !content.has(item) || content.fingerprint(item) != r.fingerprint) continue;
            int[] items = mapped(r.saved.items(), map, null);
            contentNeighbours.restore(content, item, new ContentNeighbours.Saved(items, r.saved.documents()));
            contentInstalled++;
        }
        int itemInstalled = 0;
        for (ItemRow r : itemRows) {
            int item = map[r.item];
            if (item < 0 || item >= matrix.itemCount() || matrix.itemSize(item) == 0) continue;
            float[][] sims = {r.row.similarities()};
            int[] items = mapped(r.row.items(), map, sims);
            int changes = r.staleness + (item < newSince.length ? newSince[item] : 0);
            neighbours.restore(item, new ItemNeighbours.Row(items, sims[0], matrix.itemStamp(item) - changes));
            itemInstalled++;
        }
        return new int[] {contentInstalled, itemInstalled};
    }

    /** Saved indexes turned into current ones, dropping entities that are gone (and their similarities). */
    private static int[] mapped(int[] saved, int[] map, float[][] similarities) {
        int n = 0;
        for (int j : saved) if (map[j] >= 0) n++;
        if (n == saved.length) {
            int[] out = new int[n];
            for (int t = 0; t < n; t++) out[t] = map[saved[t]];
            return out;
        }
        int[] out = new int[n];
        float[] sims = similarities == null ? null : new float[n];
        for (int t = 0, o = 0; t < saved.length; t++) {
            if (map[saved[t]] < 0) continue;
            if (sims != null) sims[o] = similarities[0][t];
            out[o++] = map[saved[t]];
        }
        if (sims != null) similarities[0] = sims;
        return out;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt saved rows: negative count");
        return n;
    }

    private static int index(DataInputStream in, int keys) throws IOException {
        int i = in.readInt();
        if (i < 0 || i >= keys) throw new IOException("corrupt saved rows: index " + i + " of " + keys);
        return i;
    }
}
