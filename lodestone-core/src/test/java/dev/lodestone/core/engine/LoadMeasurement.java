package dev.lodestone.core.engine;

import java.util.concurrent.ForkJoinPool;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: a timing program. Loads 100k entities and 1M interactions (100k users, Zipf items) through the bulk
 * path and prints load time, heap used, and per-request latencies. Run with
 * {@code java -cp target/classes:target/test-classes:<fastutil>:<caffeine> dev.lodestone.core.engine.LoadMeasurement}.
 */
public final class LoadMeasurement {
    public static void main(String[] args) {
        int entities = 100_000, users = 100_000, interactions = 1_000_000;
        System.gc();
        long heapBefore = usedHeap();
        Random random = new Random(1);
        Instant now = Instant.parse("2025-10-20T00:00:00Z");
        List<Entity> catalogue = new ArrayList<>(entities);
        for (int i = 0; i < entities; i++) {
            int group = i % 50;
            catalogue.add(new Entity("t", "item", "item-" + i, Map.of("category", "c" + group,
                    "tags", List.of("t" + random.nextInt(500), "t" + random.nextInt(500)), "price", random.nextInt(1000),
                    "brand", Map.of("name", "b" + random.nextInt(2000))), null, false, null, null,
                    now.minusSeconds(i), now.minusSeconds(i)));
        }
        List<Interaction> events = new ArrayList<>(interactions);
        for (int n = 0; n < interactions; n++) {
            int item = (int) Math.min(entities - 1, Math.floor(Math.pow(random.nextDouble(), 3) * entities));
            events.add(new Interaction(n, "t", "user-" + random.nextInt(users), "item", "item-" + item, "view",
                    InteractionTypeForm.PLAIN, 1 + random.nextInt(3), null, Map.of(),
                    now.minusSeconds(random.nextInt(30 * 86400))));
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        TenantModel model = new Engine(EngineSettings.defaults(), Clock.fixed(now, ZoneOffset.UTC), ForkJoinPool.commonPool()).tenant("t");
        TenantModel.Loader loader = model.loader();
        for (Entity e : catalogue) loader.entity(e);
        long t1 = System.nanoTime();
        for (int from = 0; from < interactions; from += 10_000) loader.interactions(events.subList(from, from + 10_000));
        long t2 = System.nanoTime();
        loader.finish();
        long t3 = System.nanoTime();
        System.out.printf("load: entities %.2fs, interactions %.2fs, rebuild %.2fs, total %.2fs%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9);
        System.out.printf("load CPU of the loading thread: %.2fs (neighbour rows also use the other cores)%n",
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
        catalogue = null;
        events = null;
        System.gc();
        System.out.printf("model heap: %d MB%n", (usedHeap() - heapBefore) >> 20);

        for (Algorithm a : List.of(Algorithm.HYBRID, Algorithm.ITEM_KNN, Algorithm.USER_KNN, Algorithm.CONTENT_BASED)) {
            time(a.name(), 2000, i -> model.recommend(new UserQuery("user-" + (i * 7919 % users), 10, 0, a, null,
                    null, null, Set.of(), true, 0)));
        }
        // first request for each source (its content neighbour row is computed), then the same sources again after a
        // write (rows kept, the result cache bypassed)
        time("similar HYBRID first", 2000, i -> model.similar(new SimilarQuery(
                new dev.lodestone.core.model.EntityKey("item", "item-" + (i * 31 % entities)), 10, 0, Algorithm.HYBRID,
                null, null, Set.of(), 0)));
        timePrepared("similar HYBRID again", 2000, i -> {
            model.addInteraction(new Interaction(i, "t", "user-" + i % users, "item", "item-" + (i * 7 % entities),
                    "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), now));
            return () -> model.similar(new SimilarQuery(new dev.lodestone.core.model.EntityKey("item",
                    "item-" + (i * 31 % entities)), 10, 0, Algorithm.HYBRID, null, null, Set.of(), 0));
        });
        // lists right after a write (so never from the result cache), over the windows clients use
        double[] windows = {7, 1, 30};
        timePrepared("trending after write", 2000, i -> {
            model.addInteraction(new Interaction(i, "t", "user-" + i % users, "item", "item-" + (i * 13 % entities),
                    "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), now));
            return () -> model.trending(new ListQuery(10, i % 5, null, null, windows[i % 3]));
        });
        timePrepared("popular after write", 2000, i -> {
            model.addInteraction(new Interaction(i, "t", "user-" + i % users, "item", "item-" + (i * 17 % entities),
                    "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), now));
            return () -> model.popular(new ListQuery(10, i % 5, null, null, 0));
        });
        timePrepared("HYBRID after write", 2000, i -> {
            String user = "user-" + (i * 7919 % users);
            model.addInteraction(new Interaction(i, "t", user, "item", "item-" + (i * 31 % entities), "view",
                    InteractionTypeForm.PLAIN, 1, null, Map.of(), now));
            return () -> model.recommend(new UserQuery(user, 10, 0, Algorithm.HYBRID, null, null, null,
                    Set.of(), true, 0));
        });
        time("write addInteraction", 20_000, i -> model.addInteraction(new Interaction(i, "t", "user-" + i % users,
                "item", "item-" + i % 1000, "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), now)));
        long t4 = System.nanoTime();
        model.rebuild();
        System.out.printf("full rebuild: %.2fs%n", (System.nanoTime() - t4) / 1e9);
    }

    private static void time(String name, int n, java.util.function.IntConsumer call) {
        timePrepared(name, n, i -> () -> call.accept(i));
    }

    /** Times the Runnable that {@code prepare} returns for each i (the preparation itself is not timed). */
    private static void timePrepared(String name, int n, java.util.function.IntFunction<Runnable> prepare) {
        for (int i = 0; i < n / 4; i++) prepare.apply(i + 1_000_000).run(); // warm-up on other keys
        // several rounds, the best reported: on a shared machine the other rounds measure the neighbours' load
        long[] best = null;
        for (int round = 0; round < ROUNDS; round++) {
            int first = round * n; // other keys each round, so no round reads another's cached results
            long[] r = round(n, i -> prepare.apply(first + i));
            if (best == null || r[2] < best[2]) best = r;
        }
        System.out.printf("%-22s p50 %.3f ms  p99 %.3f ms  mean %.3f ms | cpu p50 %.3f ms  mean %.3f ms%n", name,
                best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, best[3] / 1e6, best[4] / 1e6);
    }

    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    /** Wall p50, p99, mean, then CPU p50, mean of one round, in ns. */
    private static long[] round(int n, java.util.function.IntFunction<Runnable> prepare) {
        long[] ns = new long[n];
        long[] cpu = new long[n];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            Runnable call = prepare.apply(i);
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - s;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        java.util.Arrays.sort(ns);
        java.util.Arrays.sort(cpu);
        // CPU time is what bounds throughput; wall time also counts waiting for a core on a shared machine
        return new long[] {ns[n / 2], ns[n * 99 / 100], (long) java.util.Arrays.stream(ns).average().orElse(0),
                cpu[n / 2], (long) java.util.Arrays.stream(cpu).average().orElse(0)};
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
