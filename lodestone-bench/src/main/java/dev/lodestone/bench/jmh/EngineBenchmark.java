package dev.lodestone.bench.jmh;

import java.util.concurrent.ForkJoinPool;
import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.bench.datagen.ModelLoader;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.engine.RecommendationList;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;
import dev.lodestone.core.model.EntityKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** The engine's read kernels on a model loaded with a datagen tenant: a user's recommendations and similar entities. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    @State(Scope.Benchmark)
    public static class Model {
        @Param("10000")
        public int entities;
        @Param("10000")
        public int users;
        @Param("200000")
        public int interactions;
        @Param("hybrid")
        public String algorithm;

        TenantModel model;
        DatasetSpec spec;
        Algorithm parsedAlgorithm;

        @Setup(Level.Trial)
        public void load() {
            spec = DatasetSpec.small(entities, users, interactions, 20, 42);
            var engine = new Engine(EngineSettings.defaults(), Clock.fixed(ModelLoader.end(spec), ZoneOffset.UTC), ForkJoinPool.commonPool());
            model = engine.tenant("jmh");
            ModelLoader.load(new DatasetGenerator(spec), model);
            parsedAlgorithm = Algorithm.parse(algorithm).orElseThrow();
        }
    }

    /** Each benchmark thread walks its own random sequence of users and entities. */
    @State(Scope.Thread)
    public static class Cursor {
        final SplittableRandom random = new SplittableRandom(7);
    }

    @Benchmark
    public RecommendationList recommendUser(Model m, Cursor c) {
        String user = m.spec.userId(c.random.nextInt(m.users));
        return m.model.recommend(new UserQuery(user, 10, 0, m.parsedAlgorithm, null, null, null, Set.of(), true, 0));
    }

    @Benchmark
    public Optional<RecommendationList> similarEntities(Model m, Cursor c) {
        var source = new EntityKey(m.spec.entityType(), m.spec.entityId(c.random.nextInt(m.entities)));
        return m.model.similar(new SimilarQuery(source, 10, 0, Algorithm.HYBRID, null, null, Set.of(), 0));
    }
}
