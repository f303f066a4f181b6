package dev.lodestone.server.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WindowCounterTest {
    private static final long MINUTE = 60_000;

    @Test
    void countsEventsInTheWindowAndForgetsOlderOnes() {
        var counter = new WindowCounter(Duration.ofHours(1), 60);
        long now = 1_000 * 60 * MINUTE;
        counter.add(now, now);
        counter.add(now - 30 * MINUTE, now);
        counter.add(now - 2 * 60 * MINUTE, now);   // before the window: not counted
        counter.add(now + 5 * MINUTE, now);        // from the future: counts as now
        assertThat(counter.count(now)).isEqualTo(3);
        assertThat(counter.count(now + 31 * MINUTE)).isEqualTo(2);
        assertThat(counter.count(now + 61 * MINUTE)).isZero();
    }

    @Test
    void aSlotReusedByALaterBucketStartsFromZero() {
        var counter = new WindowCounter(Duration.ofMinutes(10), 10);
        long now = 500 * MINUTE;
        for (int i = 0; i < 5; i++) counter.add(now, now);
        long later = now + 10 * MINUTE;   // same slot, ten buckets on
        counter.add(later, later);
        assertThat(counter.count(later)).isEqualTo(1);
    }
}
