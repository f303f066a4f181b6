package dev.lodestone.core.engine;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lodestone.core.engine.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine starts no thread: its background work goes to the executor it is given, and stops with it. */
class BackgroundWorkTest {
    private static List<Interaction> interactions(int n) {
        List<Interaction> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Interaction(i + 1, "t", "u" + i % 400, "item", "e" + (i * 7) % 900, "view",
                    InteractionTypeForm.PLAIN, 1, null, Map.of(), NOW.minusSeconds(i)));
        }
        return list;
    }

    @Test
    void aRebuildAfterManyChangesRunsOnTheGivenExecutor() {
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            task.run();
        };
        var model = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), counting).tenant("t");
        model.addInteractions(interactions((int) TenantModel.REBUILD_MIN_CHANGES + 1));
        assertThat(tasks.get()).isPositive();
        assertThat(model.lastRebuild()).isEqualTo(NOW);
    }

    @Test
    void aStoppedExecutorMeansNoRebuildAndWritesStillApply() {
        var pool = Executors.newFixedThreadPool(1);
        pool.shutdownNow();
        var model = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), pool).tenant("t");
        model.addInteractions(interactions(25_000));
        assertThat(model.interactionCount()).isEqualTo(25_000);
        assertThat(model.lastRebuild()).isNull();
    }

    @Test
    void rowsRebuiltWithHelpersGiveTheSameListsAsOnOneThread() throws Exception {
        var pool = Executors.newFixedThreadPool(3);
        try {
            var parallel = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), pool).tenant("t");
            var serial = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run).tenant("t");
            for (var m : List.of(parallel, serial)) {
                m.loader().interactions(interactions(6_000)).finish();
            }
            for (int u = 0; u < 400; u += 37) {
                var q = new UserQuery("u" + u, 10, 0, Algorithm.COLLABORATIVE, null, null, null, Set.of(), true, 0);
                assertThat(parallel.recommend(q)).isEqualTo(serial.recommend(q));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
