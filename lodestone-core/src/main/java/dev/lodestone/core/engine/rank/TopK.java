package dev.lodestone.core.engine.rank;

import it.unimi.dsi.fastutil.ints.IntComparator;

/**
 * Keeps the {@code k} best (index, score) pairs offered, in a bounded min-heap of primitives. Higher score ranks
 * first; equal scores rank by {@code tieBreak} (smaller first), by default the smaller index.
 */
public final class TopK {
    private final int k;
    private final IntComparator tieBreak;
    private final int[] indexes;
    private final double[] scores;
    private int size;

    public TopK(int k) {
        this(k, Integer::compare);
    }

    public TopK(int k, IntComparator tieBreak) {
        this.k = Math.max(0, k);
        this.tieBreak = tieBreak;
        this.indexes = new int[this.k];
        this.scores = new double[this.k];
    }

    public int size() {
        return size;
    }

    /** The most pairs kept ({@code k}). */
    public int capacity() {
        return k;
    }

    /** Whether a candidate with this score could enter (lets callers skip expensive checks). */
    public boolean wouldAccept(double score) {
        return size < k || score >= scores[0];
    }

    public void offer(int index, double score) {
        if (k == 0 || Double.isNaN(score)) return;
        if (size < k) {
            indexes[size] = index;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(indexes[0], scores[0], index, score)) {
            indexes[0] = index;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Indexes, best first. Consumes the heap. */
    public int[] indexesByScore() {
        int n = size;
        int[] outIdx = new int[n];
        double[] outScore = new double[n];
        drain(outIdx, outScore);
        lastScores = outScore;
        return outIdx;
    }

    private double[] lastScores = new double[0];

    /** Scores matching the last {@link #indexesByScore()} call. */
    public double[] scoresByScore() {
        return lastScores;
    }

    private void drain(int[] outIdx, double[] outScore) {
        for (int pos = size - 1; pos >= 0; pos--) {
            outIdx[pos] = indexes[0];
            outScore[pos] = scores[0];
            size--;
            if (size > 0) {
                indexes[0] = indexes[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
    }

    /** Whether (ia, sa) ranks below (ib, sb). */
    private boolean worse(int ia, double sa, int ib, double sb) {
        if (sa != sb) return sa < sb;
        return tieBreak.compare(ia, ib) > 0;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(indexes[i], scores[i], indexes[parent], scores[parent])) break;
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) return;
            int r = l + 1;
            int worst = (r < size && worse(indexes[r], scores[r], indexes[l], scores[l])) ? r : l;
            if (!worse(indexes[worst], scores[worst], indexes[i], scores[i])) return;
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int ti = indexes[a];
        indexes[a] = indexes[b];
        indexes[b] = ti;
        double ts = scores[a];
        scores[a] = scores[b];
        scores[b] = ts;
    }
}
