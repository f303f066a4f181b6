package dev.lodestone.server.live;

import java.time.Duration;

/**
 * Events in a sliding time window, counted in fixed buckets: memory stays constant however many events arrive,
 * and the window slides by whole buckets (a bucket's events leave the count together). Not thread-safe.
 */
final class WindowCounter {
    private final long bucketMillis;
    private final int[] counts;
    /** The bucket number (epoch millis / bucketMillis) each slot currently counts. */
    private final long[] bucketOf;

    WindowCounter(Duration window, int buckets) {
        if (buckets < 1 || window.toMillis() < buckets) throw new IllegalArgumentException("window too small for " + buckets + " buckets");
        this.bucketMillis = window.toMillis() / buckets;
        this.counts = new int[buckets];
        this.bucketOf = new long[buckets];
        java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
    }

    /** Counts one event at {@code atMillis}; events from the future count as now, those already out of the window not at all. */
    void add(long atMillis, long nowMillis) {
        long now = nowMillis / bucketMillis;
        long bucket = Math.min(atMillis, nowMillis) / bucketMillis;
        if (bucket <= now - counts.length) return;
        int slot = (int) Math.floorMod(bucket, (long) counts.length);
        if (bucketOf[slot] != bucket) {
            // The slot still holds an older bucket (or none): its events have left the window.
            bucketOf[slot] = bucket;
            counts[slot] = 0;
        }
        if (counts[slot] < Integer.MAX_VALUE) counts[slot]++;
    }

    int count(long nowMillis) {
        long now = nowMillis / bucketMillis;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (bucketOf[i] > now - counts.length && bucketOf[i] <= now) total += counts[i];
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }
}
