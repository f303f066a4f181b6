package dev.lodestone.core.engine.content;

import dev.lodestone.core.engine.rank.SlotPool;
import dev.lodestone.core.engine.rank.TopK;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;

/**
 * The content vectors turned term-major (one compressed array: per term, the entities that have it and their
 * weights), for top-k searches that read only the posting lists that matter.
 *
 * <p>{@link #search} accumulates term at a time over the query's lists, skipping the lists of very common terms
 * (longer than {@link #LONG_LIST_SHARE} of the documents): such a term adds about the same to every candidate, and
 * its list is the longest (a shop's {@code in_stock=true}, common description words). The {@link
 * #CANDIDATES_PER_RESULT}·k entities with the largest partial sums are then scored exactly (all their terms). At 100k
 * datagen entities this reads ~1/10 of the postings that a full accumulation does, and finds 98 % of the exact top 50
 * (the misses are near-ties: the summed score of a row is within 0.05 % of the exact one). Catalogues whose lists are
 * all shorter than {@link #LONG_LIST_MIN} get the exact answer.
 *
 * <p>Built in one go ({@link #build}) under the model's write lock; entities whose vector changed since are
 * {@link #markChanged marked}, skipped here and scored directly by the caller. Reads run under the read lock,
 * concurrently.
 */
final class ContentPostings {
    /** Rounding slack of bounds: float sums in another order may differ in the last bits. */
    /**
     * Lists longer than this share of the documents (and than {@link #LONG_LIST_MIN}) find no candidates: a term that
     * common (a flag nearly every entity has, a common word) adds about as much to every candidate's score, so reading
     * its 90k postings would only find entities that rarer terms do not tie to the query. Their weights still count in
     * the exact scores of the candidates.
     */
    static final double LONG_LIST_SHARE = 0.02;
    static final int LONG_LIST_MIN = 4096;
    /** Candidates (by partial sum) scored exactly per result wanted. */
    static final int CANDIDATES_PER_RESULT = 4;

    private int[] offsets = new int[1];
    private int[] entities = new int[0];
    private float[] values = new float[0];
    private float[] maxValue = new float[0];
    private boolean built;
    private int documents;
    private boolean[] changed = new boolean[0];
    private final IntArrayList changedList = new IntArrayList();
    private final SlotPool<Scratch> scratches = new SlotPool<>(4);

    /** Per-search accumulators sized to the catalogue (pooled). */
    static final class Scratch {
        float[] acc = new float[0];
        int[] touched = new int[1024];
        int touchedCount;
    }

    interface ExactScore {
        float score(int index);
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

    void build(int[][] terms, float[][] weights, boolean[] present, int count, int termCount) {
        int docs = 0;
        for (int i = 0; i < count; i++) if (present[i]) docs++;
        documents = docs;
        int[] sizes = new int[termCount + 1];
        for (int i = 0; i < count; i++) {
            if (!present[i]) continue;
            for (int t : terms[i]) sizes[t + 1]++;
        }
        int[] starts = new int[termCount + 1];
        for (int t = 0; t < termCount; t++) starts[t + 1] = starts[t] + sizes[t + 1];
        int[] es = new int[starts[termCount]];
        float[] vs = new float[starts[termCount]];
        float[] max = new float[termCount];
        int[] fill = Arrays.copyOf(starts, termCount);
        for (int i = 0; i < count; i++) {
            if (!present[i]) continue;
            int[] ts = terms[i];
            float[] w = weights[i];
            for (int k = 0; k < w.length; k++) {
                int t = ts[k];
                int at = fill[t]++;
                es[at] = i;
                vs[at] = w[k];
                if (w[k] > max[t]) max[t] = w[k];
            }
        }
        offsets = starts;
        entities = es;
        values = vs;
        maxValue = max;
        changed = new boolean[count];
        changedList.clear();
        built = true;
    }

    /**
     * Offers to {@code top} the entities of the postings (not changed ones, not {@code skip}) most similar to the
     * query, with their {@code exact} score when positive. Query weights must be positive.
     */
    void search(int[] queryTerms, float[] queryWeights, int capacity, int skip, ExactScore exact, TopK top) {
        int n = 0;
        int[] order = new int[queryTerms.length];
        float[] bound = new float[queryTerms.length];
        for (int q = 0; q < queryTerms.length; q++) {
            int t = queryTerms[q];
            if (t >= maxValue.length || offsets[t + 1] == offsets[t]) continue;
            order[n] = q;
            bound[n++] = queryWeights[q] * maxValue[t];
        }
        sortByBoundDescending(order, bound, n);
        int k = top.capacity();
        int candidates = CANDIDATES_PER_RESULT * k;
        int longList = Math.max(LONG_LIST_MIN, (int) (documents * LONG_LIST_SHARE));

        Scratch s = scratches.take();
        if (s == null) s = new Scratch();
        try {
            if (s.acc.length < capacity) s.acc = new float[capacity];
            float[] acc = s.acc;
            s.touchedCount = 0;
            boolean skippedLong = false;
            for (int r = 0; r < n; r++) {
                int t = queryTerms[order[r]];
                if (offsets[t + 1] - offsets[t] > longList) {
                    skippedLong = true;
                    continue;
                }
                accumulate(s, t, queryWeights[order[r]], skip);
            }
            // an entity with only frequent terms still gets neighbours: read long lists until there are candidates
            for (int r = 0; skippedLong && r < n && s.touchedCount < candidates; r++) {
                int t = queryTerms[order[r]];
                if (offsets[t + 1] - offsets[t] > longList) accumulate(s, t, queryWeights[order[r]], skip);
            }
            int[] touched = s.touched;
            TopK best = new TopK(candidates);
            for (int c = 0; c < s.touchedCount; c++) {
                int e = touched[c];
                float partial = acc[e];
                acc[e] = 0;
                if (best.wouldAccept(partial)) best.offer(e, partial);
            }
            for (int e : best.indexesByScore()) {
                float score = exact.score(e);
                if (score > 0 && top.wouldAccept(score)) top.offer(e, score);
            }
        } finally {
            scratches.give(s);
        }
    }

    private void accumulate(Scratch s, int term, float weight, int skip) {
        float[] acc = s.acc;
        int[] touched = s.touched;
        int count = s.touchedCount;
        for (int p = offsets[term], end = offsets[term + 1]; p < end; p++) {
            int e = entities[p];
            if (e == skip || isChanged(e)) continue;
            float before = acc[e];
            if (before == 0) {
                if (count == touched.length) touched = s.touched = Arrays.copyOf(touched, count * 2);
                touched[count++] = e;
            }
            acc[e] = before + weight * values[p];
        }
        s.touchedCount = count;
    }

    private static void sortByBoundDescending(int[] order, float[] bound, int n) {
        for (int i = 1; i < n; i++) {
            int o = order[i];
            float b = bound[i];
            int j = i - 1;
            for (; j >= 0 && bound[j] < b; j--) {
                order[j + 1] = order[j];
                bound[j + 1] = bound[j];
            }
            order[j + 1] = o;
            bound[j + 1] = b;
        }
    }
}
