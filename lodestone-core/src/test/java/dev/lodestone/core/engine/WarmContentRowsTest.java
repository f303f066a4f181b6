package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Warming content rows in the background changes no answer: similar lists are the same warmed or not. */
class WarmContentRowsTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static TenantModel catalogue() {
        var model = new Engine(EngineSettings.defaults(), Clock.systemUTC(), Runnable::run).tenant("t");
        var loader = model.loader();
        for (int i = 0; i < 300; i++) {
            var attrs = Map.<String, Object>of("category", "c" + (i % 7), "brand", "b" + (i % 11), "title", "word" + (i % 13) + " thing");
            loader.entity(new Entity("t", "p", "e" + i, attrs, null, false, null, null, T, T));
        }
        loader.finish();
        return model;
    }

    @Test
    void warmedRowsGiveTheSameSimilarLists() throws Exception {
        var cold = catalogue();
        var warm = catalogue();
        warm.warmContentRows();
        for (int i = 0; i < 300; i += 17) {
            var q = new SimilarQuery(new EntityKey("p", "e" + i), 10, 0, Algorithm.CONTENT_BASED, null, null, Set.of(), 0);
            assertThat(warm.similar(q)).isEqualTo(cold.similar(q));
            assertThat(warm.similar(q).orElseThrow().items()).hasSize(10);
        }
    }

    @Test
    void aWarmUpStopsWhileEntitiesStreamInFasterThanTheyAreIndexed() {
        var model = catalogue();
        for (int i = 0; i <= TenantModel.WARM_MAX_UNINDEXED; i++) {
            model.upsertEntity(new Entity("t", "p", "n" + i, Map.of("category", "c" + (i % 7)), null, false, null, null, T, T));
        }
        assertThat(model.warmContentRows()).as("rows would scan every unindexed entity and go stale").isFalse();
        model.rebuild();
        assertThat(model.warmContentRows()).as("after the rebuild indexed them").isTrue();
    }

    @Test
    void writesThatSettleBelowTheRebuildThresholdAreRebuiltWithoutWaitingForMore() throws Exception {
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            var model = new Engine(EngineSettings.defaults(), Clock.systemUTC(), Runnable::run, timer, null).tenant("t");
            for (int i = 0; i < 50; i++) {
                model.upsertEntity(new Entity("t", "p", "e" + i, Map.of("category", "c" + (i % 7)), null, false, null, null, T, T));
            }
            for (int k = 0; k < TenantModel.SETTLE_MIN_CHANGES; k++) {
                model.addInteraction(Fixtures.interaction("u" + k, "e" + (k % 50), 1));
            }
            assertThat(model.lastRebuild()).as("below the volume threshold: no rebuild yet").isNull();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (model.lastRebuild() == null && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(model.lastRebuild()).as("rebuilt once the writes were quiet").isNotNull();
        } finally {
            timer.shutdownNow();
        }
    }
}
