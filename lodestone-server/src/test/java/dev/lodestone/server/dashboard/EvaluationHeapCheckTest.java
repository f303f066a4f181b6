package dev.lodestone.server.dashboard;

import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run that would not fit in the free heap is refused before it starts: the node exits on OutOfMemoryError, so an
 * evaluation asked for from the dashboard must never be the thing that ends it (one did, at 100k entities).
 */
class EvaluationHeapCheckTest {
    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = Stores.open(StoreConfig.sqlite(dir));
        store.ensureTenant("shop", null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRunLargerThanTheFreeHeapIsRefusedWithBothFiguresAndNothingStarts() {
        var runs = new EvaluationRuns(store, EngineSettings.defaults(), Clock.systemUTC(), () -> 1L << 20);
        assertThatThrownBy(() -> runs.start("shop", 10))
                .isInstanceOf(EvaluationRuns.TooLarge.class)
                .hasMessageContaining("needs about").hasMessageContaining("1 MB are free")
                .hasMessageContaining("lodestone bench eval");
        assertThat(runs.latest("shop")).as("nothing started").isEmpty();
    }

    @Test
    void theEstimateGrowsWithTheCatalogueAndIsCappedByTheInteractionsARunReads() {
        assertThat(EvaluationRuns.heapNeeded(10_000_000, 0))
                .isEqualTo(EvaluationRuns.heapNeeded(EvaluationRuns.MAX_INTERACTIONS, 0));
        assertThat(EvaluationRuns.heapNeeded(0, 100_000)).isGreaterThan(EvaluationRuns.heapNeeded(0, 10_000));
        // a 100k-entity tenant needs more than the ~270 MB a 768 MB node holding it had free when a run exhausted it
        assertThat(EvaluationRuns.heapNeeded(1_000_000, 100_000)).isGreaterThan(300L << 20);
    }

    @Test
    void aRunThatFitsStarts() {
        var runs = new EvaluationRuns(store, EngineSettings.defaults(), Clock.systemUTC(), () -> 1L << 30);
        assertThat(runs.start("shop", 10).started()).isTrue();
    }
}
