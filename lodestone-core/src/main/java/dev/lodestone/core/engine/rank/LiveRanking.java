package dev.lodestone.core.engine.rank;

import it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntComparator;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A list of indexes by descending score (ties by {@code tieBreak}) that is read far more often than it changes: a
 * sorted base snapshot of the best {@code baseLimit} indexes, computed by one full scan, plus a small sorted overlay
 * of the indexes whose score changed since (fed by {@link #update} on every write). A read merges the two, skipping
 * base entries that the overlay supersedes, so it costs about as much as the entries it walks.
 *
 * <p>The snapshot is exact as long as only the updated indexes changed score: an index that is in neither part
 * scores no more than the base's last entry. The snapshot is rebuilt when its {@code epoch} (e.g. the hour, for
 * decayed scores) is no longer current or the overlay outgrows its bound.
 *
 * <p>Threading: {@link #update} runs under the owner's write lock; {@link #walk} under its read lock (any number of
 * readers); the rebuild a reader may trigger is serialised here and published through a volatile field.
 */
public final class LiveRanking {
    /** Visits entries best first; returns false to stop. */
    public interface Visitor {
        boolean visit(int index, double score);
    }

    private final IntComparator tieBreak;
    private final int baseLimit;
    private final int overlayLimit;
    private volatile State state;

    private static final class State {
        final long epoch;
        final int[] baseIndexes;
        final double[] baseScores;
        /** Whether indexes with a positive score were left out of the base (a walk past its end is incomplete). */
        final boolean truncated;
        int[] overlayIndexes = new int[16];
        double[] overlayScores = new double[16];
        int overlaySize;
        final Int2DoubleOpenHashMap overlayScore = new Int2DoubleOpenHashMap();

        State(long epoch, int[] baseIndexes, double[] baseScores, boolean truncated) {
            this.epoch = epoch;
            this.baseIndexes = baseIndexes;
            this.baseScores = baseScores;
            this.truncated = truncated;
        }
    }

    public LiveRanking(IntComparator tieBreak, int baseLimit, int overlayLimit) {
        this.tieBreak = tieBreak;
        this.baseLimit = baseLimit;
        this.overlayLimit = overlayLimit;
    }

    /** The epoch of the current snapshot, or Long.MIN_VALUE when there is none. */
    public long epoch() {
        State s = state;
        return s == null ? Long.MIN_VALUE : s.epoch;
    }

    /** Index {@code index} now scores {@code score} (call under the owner's write lock). */
    public void update(int index, double score) {
        State s = state;
        if (s == null) return;
        if (s.overlayScore.size() >= overlayLimit) {
            state = null; // the next reader rebuilds from scratch
            return;
        }
        if (s.overlayScore.containsKey(index)) removeFromOverlay(s, index, s.overlayScore.get(index));
        s.overlayScore.put(index, score);
        if (score > 0) insertIntoOverlay(s, index, score);
    }

    /**
     * Walks entries with a positive score, best first, until the visitor stops. Rebuilds the snapshot first when it
     * is missing or from another epoch, scoring {@code 0..size-1} with {@code score}.
     *
     * @return true when the visitor stopped or every positively scored index was visited; false when the walk ran
     * past the end of a truncated snapshot (the caller must scan for the rest)
     */
    public boolean walk(long epoch, int size, IntToDoubleFunction score, Visitor visitor) {
        State s = current(epoch, size, score);
        int[] bi = s.baseIndexes;
        double[] bs = s.baseScores;
        int b = 0;
        int o = 0;
        while (true) {
            while (b < bi.length && s.overlayScore.containsKey(bi[b])) b++;
            boolean haveBase = b < bi.length;
            boolean haveOverlay = o < s.overlaySize;
            if (!haveBase && !haveOverlay) return !s.truncated;
            boolean takeOverlay = haveOverlay && (!haveBase
                    || ranksBefore(s.overlayIndexes[o], s.overlayScores[o], bi[b], bs[b]));
            if (takeOverlay) {
                if (!visitor.visit(s.overlayIndexes[o], s.overlayScores[o])) return true;
                o++;
            } else {
                if (!visitor.visit(bi[b], bs[b])) return true;
                b++;
            }
        }
    }

    private State current(long epoch, int size, IntToDoubleFunction score) {
        State s = state;
        if (s != null && s.epoch == epoch) return s;
        synchronized (this) {
            s = state;
            if (s != null && s.epoch == epoch) return s;
            s = build(epoch, size, score);
            state = s;
            return s;
        }
    }

    private State build(long epoch, int size, IntToDoubleFunction score) {
        TopK top = new TopK(baseLimit, tieBreak);
        int positive = 0;
        for (int i = 0; i < size; i++) {
            double v = score.applyAsDouble(i);
            if (v <= 0) continue;
            positive++;
            if (top.wouldAccept(v)) top.offer(i, v);
        }
        int[] indexes = top.indexesByScore();
        return new State(epoch, indexes, top.scoresByScore(), positive > indexes.length);
    }

    private boolean ranksBefore(int ia, double sa, int ib, double sb) {
        if (sa != sb) return sa > sb;
        return tieBreak.compare(ia, ib) < 0;
    }

    private void insertIntoOverlay(State s, int index, double score) {
        int lo = position(s, index, score);
        if (s.overlaySize == s.overlayIndexes.length) {
            s.overlayIndexes = Arrays.copyOf(s.overlayIndexes, s.overlaySize * 2);
            s.overlayScores = Arrays.copyOf(s.overlayScores, s.overlaySize * 2);
        }
        System.arraycopy(s.overlayIndexes, lo, s.overlayIndexes, lo + 1, s.overlaySize - lo);
        System.arraycopy(s.overlayScores, lo, s.overlayScores, lo + 1, s.overlaySize - lo);
        s.overlayIndexes[lo] = index;
        s.overlayScores[lo] = score;
        s.overlaySize++;
    }

    private void removeFromOverlay(State s, int index, double score) {
        if (score <= 0) return; // non-positive scores are only remembered in the map
        int k = position(s, index, score);
        if (k >= s.overlaySize || s.overlayIndexes[k] != index) return;
        System.arraycopy(s.overlayIndexes, k + 1, s.overlayIndexes, k, s.overlaySize - k - 1);
        System.arraycopy(s.overlayScores, k + 1, s.overlayScores, k, s.overlaySize - k - 1);
        s.overlaySize--;
    }

    /** First overlay position that does not rank before (index, score). */
    private int position(State s, int index, double score) {
        int lo = 0, hi = s.overlaySize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ranksBefore(s.overlayIndexes[mid], s.overlayScores[mid], index, score)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
