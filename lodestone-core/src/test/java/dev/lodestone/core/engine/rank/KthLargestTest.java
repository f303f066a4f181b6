package dev.lodestone.core.engine.rank;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KthLargestTest {
    @Test
    void agreesWithSortingOnRandomArraysWithTies() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(300);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) values[i] = random.nextInt(round % 2 == 0 ? 10 : 100_000) / 7f;
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = 1 + random.nextInt(n);
            assertThat(KthLargest.of(values.clone(), n, k)).as("n=%d k=%d", n, k).isEqualTo(sorted[n - k]);
        }
    }

    @Test
    void readsOnlyTheGivenPrefix() {
        float[] values = {1, 5, 3, 100, 200};
        assertThat(KthLargest.of(values, 3, 1)).isEqualTo(5f);
        assertThat(KthLargest.of(new float[] {1, 5, 3, 100}, 3, 3)).isEqualTo(1f);
    }

    @Test
    void rejectsAKOutsideTheRange() {
        assertThatThrownBy(() -> KthLargest.of(new float[3], 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KthLargest.of(new float[3], 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
