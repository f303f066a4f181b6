package dev.lodestone.bench.jmh;

import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.bench.datagen.ModelLoader;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;
import dev.lodestone.core.model.EntityKey;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Not a test: a timing program. Thread CPU time per uncached request of the engine alone on a datagen tenant with its
 * learned model trained, robust to other load on the machine (it counts this thread's CPU, not wall time). Args:
 * entities users interactions [requests].
 */
public final class RequestCpu {
    public static void main(String[] args) {
        int entities = Integer.parseInt(args[0]), users = Integer.parseInt(args[1]);
        long interactions = Long.parseLong(args[2]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        var spec = DatasetSpec.small(entities, users, interactions, 20, 42);
        var engine = new Engine(EngineSettings.defaults(), Clock.fixed(ModelLoader.end(spec), ZoneOffset.UTC), ForkJoinPool.commonPool());
        TenantModel model = engine.tenant("cpu");
        long t0 = System.nanoTime();
        ModelLoader.load(new DatasetGenerator(spec), model);
        model.learner().train();
        System.out.printf("loaded and trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        var threads = ManagementFactory.getThreadMXBean();
        for (String kind : new String[] {"hybrid", "similar", "hybrid", "similar"}) {
            var random = new SplittableRandom(7);
            long[] cpu = new long[requests];
            for (int r = 0; r < requests; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                if (kind.equals("hybrid")) {
                    model.recommend(new UserQuery(spec.userId(random.nextInt(users)), 10, 0, Algorithm.HYBRID, null, null, null, Set.of(), true, 0));
                } else {
                    model.similar(new SimilarQuery(new EntityKey(spec.entityType(), spec.entityId(random.nextInt(entities))), 10, 0, Algorithm.HYBRID, null, null, Set.of(), 0));
                }
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
            }
            Arrays.sort(cpu);
            double mean = Arrays.stream(cpu).average().orElse(0) / 1e6;
            System.out.printf("%-8s CPU per request: mean %.3f ms, p50 %.3f ms, p99 %.3f ms (%d requests)%n", kind, mean,
                    cpu[requests / 2] / 1e6, cpu[requests * 99 / 100] / 1e6, requests);
        }
    }
}
