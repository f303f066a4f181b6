package dev.lodestone.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.lodestone.core.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencySmokeTest {
    @Test
    void readersAndWritersRunTogetherWithoutErrors() throws Exception {
        TenantModel model = model();
        for (int i = 0; i < 200; i++) model.upsertEntity(item("e" + i, Map.of("category", "c" + i % 7, "price", i)));
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> guard(failures, () -> {
                    for (int n = 0; n < 2000; n++) {
                        model.addInteraction(interaction("u" + (n * 7 + writer) % 150, "e" + (n * 13 + writer) % 230, 1 + n % 3));
                        if (n % 100 == 0) model.upsertEntity(item("e" + (200 + n / 100 % 30), Map.of("category", "new")));
                        if (n % 500 == 0) model.rebuild();
                    }
                })));
            }
            for (int r = 0; r < 8; r++) {
                int reader = r;
                tasks.add(pool.submit(() -> guard(failures, () -> {
                    for (int n = 0; n < 300; n++) {
                        var list = model.recommend(new UserQuery("u" + (n + reader) % 150, 10, 0, Algorithm.HYBRID, null,
                                null, null, Set.of(), true, n % 2 == 0 ? 0 : 0.3));
                        assertThat(ids(list)).doesNotHaveDuplicates();
                        model.similar(similar("e" + n % 200, 5, Algorithm.HYBRID));
                        model.trending(new ListQuery(10, 0, null, null, 7));
                    }
                })));
            }
            for (Future<?> f : tasks) f.get();
        }
        assertThat(failures).isEmpty();
        assertThat(model.interactionCount()).isEqualTo(8000);
    }

    private static void guard(ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
