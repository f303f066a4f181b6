package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: a timing program. Loads 100k entities and 1M interactions (100k users, skewed items, as
 * {@link LoadMeasurement}) and prints the CPU time of the learned model's training on the calling thread: with λ and
 * the learned share chosen on validation (the default), then with a fixed λ (the search skipped). Run with
 * {@code java -Xmx3g -cp target/classes:target/test-classes:<fastutil>:<caffeine> dev.lodestone.core.engine.LearnedTrainingMeasurement}.
 */
public final class LearnedTrainingMeasurement {
    public static void main(String[] args) {
        int entities = 100_000, users = 100_000, interactions = 1_000_000;
        Random random = new Random(1);
        Instant now = Instant.parse("2025-10-20T00:00:00Z");
        TenantModel model = new Engine(EngineSettings.defaults(), Clock.fixed(now, ZoneOffset.UTC), Runnable::run).tenant("t");
        TenantModel.Loader loader = model.loader();
        for (int i = 0; i < entities; i++) {
            loader.entity(new Entity("t", "item", "item-" + i, Map.of("category", "c" + i % 50), null, false, null, null,
                    now.minusSeconds(i), now.minusSeconds(i)));
        }
        List<Interaction> batch = new ArrayList<>(10_000);
        for (int n = 0; n < interactions; n++) {
            int item = (int) Math.min(entities - 1, Math.floor(Math.pow(random.nextDouble(), 3) * entities));
            batch.add(new Interaction(n, "t", "user-" + random.nextInt(users), "item", "item-" + item, "view",
                    InteractionTypeForm.PLAIN, 1, null, Map.of(), now.minusSeconds(random.nextInt(30 * 86400))));
            if (batch.size() == 10_000) {
                loader.interactions(batch);
                batch.clear();
            }
        }
        loader.finish();
        var threads = ManagementFactory.getThreadMXBean();
        for (String run : List.of("chosen on validation", "fixed λ = 500")) {
            if (run.startsWith("fixed")) model.learner().configure(2500, 500);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            model.learner().train();
            var s = model.learner().status();
            System.out.printf("training (%s): %.1f s CPU, %.1f s wall; %d items, %d positive pairs, λ %s, learned share %s%n",
                    run, (threads.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9, s.items(),
                    s.interactions(), s.lambda(), s.learnedShare());
        }
    }
}
