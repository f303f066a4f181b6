package dev.lodestone.core.engine.content;

import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;
import dev.lodestone.core.engine.rank.SlotPool;

/**
 * The content vectors turned dimension-major: for each of the {@link ContentIndex#DIMENSION} dimensions, the entities
 * with a non-zero value there. Entity vectors have a handful of non-zeros, so scoring one entity's vector against all
 * others reads ~1/15 of what a row-by-row scan does.
 *
 * <p>Built in one go ({@link #build}) under the model's write lock; entities whose vector changed since are
 * {@link #markChanged marked} and scored directly by the caller. Reads run under the read lock, concurrently.
 */
final class ContentPostings {
    private final int[][] entities = new int[ContentIndex.DIMENSION][];
    private final float[][] values = new float[ContentIndex.DIMENSION][];
    private boolean built;
    private boolean[] changed = new boolean[0];
    private final IntArrayList changedList = new IntArrayList();
    private final SlotPool<Scratch> scratches = new SlotPool<>(4);

    /** Per-query accumulators sized to the catalogue (pooled: a few hundred KB each). */
    static final class Scratch {
        float[] acc = new float[0];
        boolean[] seen = new boolean[0];
        int[] touched = new int[1024];
    }

    boolean built() {
        return built;
    }

    /** Entities changed since the last build (scored directly by readers). */
    IntArrayList changed() {
        return changedList;
    }

    boolean isChanged(int index) {
        return index < changed.length && changed[index];
    }

    void markChanged(int index) {
        if (!built) return;
        if (index >= changed.length) changed = Arrays.copyOf(changed, Math.max(index + 1, changed.length * 2));
        if (changed[index]) return;
        changed[index] = true;
        changedList.add(index);
    }

    void build(float[] vectors, boolean[] present, int count) {
        int[] sizes = new int[ContentIndex.DIMENSION];
        int dim = ContentIndex.DIMENSION;
        for (int i = 0; i < count; i++) {
            if (!present[i]) continue;
            int base = i * dim;
            for (int d = 0; d < dim; d++) if (vectors[base + d] != 0) sizes[d]++;
        }
        for (int d = 0; d < dim; d++) {
            entities[d] = new int[sizes[d]];
            values[d] = new float[sizes[d]];
        }
        Arrays.fill(sizes, 0);
        for (int i = 0; i < count; i++) {
            if (!present[i]) continue;
            int base = i * dim;
            for (int d = 0; d < dim; d++) {
                float v = vectors[base + d];
                if (v == 0) continue;
                entities[d][sizes[d]] = i;
                values[d][sizes[d]++] = v;
            }
        }
        changed = new boolean[count];
        changedList.clear();
        built = true;
    }

    /** Calls {@code sink} once per entity of the postings with its dot product with {@code query} (not changed ones). */
    void dotProducts(float[] query, int capacity, Sink sink) {
        Scratch s = scratches.take();
        if (s == null) s = new Scratch();
        try {
            if (s.acc.length < capacity) {
                s.acc = new float[capacity];
                s.seen = new boolean[capacity];
            }
            float[] acc = s.acc;
            boolean[] seen = s.seen;
            int[] touched = s.touched;
            int n = 0;
            for (int d = 0; d < query.length; d++) {
                float q = query[d];
                if (q == 0) continue;
                int[] es = entities[d];
                float[] vs = values[d];
                for (int t = 0; t < es.length; t++) {
                    int e = es[t];
                    if (!seen[e]) {
                        seen[e] = true;
                        if (n == touched.length) touched = s.touched = Arrays.copyOf(touched, n * 2);
                        touched[n++] = e;
                    }
                    acc[e] += q * vs[t];
                }
            }
            for (int t = 0; t < n; t++) {
                int e = touched[t];
                float v = acc[e];
                acc[e] = 0;
                seen[e] = false;
                if (!isChanged(e)) sink.accept(e, v);
            }
        } finally {
            scratches.give(s);
        }
    }

    interface Sink {
        void accept(int index, float dot);
    }
}
