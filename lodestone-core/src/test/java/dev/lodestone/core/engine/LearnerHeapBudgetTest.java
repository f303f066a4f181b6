package dev.lodestone.core.engine;

import dev.lodestone.core.engine.learned.EaseTrainer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A training sizes its model to the heap: a node with a small heap gets a smaller model, not an OutOfMemoryError. */
class LearnerHeapBudgetTest {
    private static final long MB = 1024L * 1024;

    @Test
    void theLaunchersDefaultHeapKeepsTheDefaultModelSize() {
        assertThat(Learner.itemsThatFitTheHeap(768 * MB)).isGreaterThanOrEqualTo(EaseTrainer.DEFAULT_ITEMS);
    }

    @Test
    void aSmallHeapGetsAModelWhoseTrainingTakesAtMostAFifthOfIt() {
        for (long heap : new long[]{32 * MB, 64 * MB, 128 * MB}) {
            long n = Learner.itemsThatFitTheHeap(heap);
            assertThat(n).isLessThan(EaseTrainer.DEFAULT_ITEMS);
            // two n×n double matrices and one float matrix at the peak of a training
            assertThat(n * n * (8 + 8 + 4)).isLessThanOrEqualTo(heap / 5);
        }
    }
}
