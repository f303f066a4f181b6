package dev.lodestone.bench.jmh;

import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One content neighbour row (the {@link ContentNeighbours#K} most similar entities by content) computed from scratch
 * on a datagen catalogue: the cost a similar-entities or hybrid request pays for a source whose row is not computed
 * yet, and what computing every row after a start-up costs per entity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContentRowBenchmark {

    @State(Scope.Benchmark)
    public static class Catalogue {
        @Param("100000")
        public int entities;

        ContentIndex index;

        @Setup(Level.Trial)
        public void load() {
            var spec = DatasetSpec.small(entities, 1, 1, 20, 42);
            index = new ContentIndex();
            var generator = new DatasetGenerator(spec);
            generator.entities((e, attributes) -> index.count(e, attributes, null));
            for (int e = 0; e < entities; e++) index.refresh(e);
            index.buildPostings();
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        final SplittableRandom random = new SplittableRandom(7);
    }

    @Benchmark
    public int[] row(Catalogue c, Cursor cursor) {
        int item = cursor.random.nextInt(c.entities);
        ContentIndex.Profile profile = c.index.newProfile();
        profile.add(item, 1f);
        profile.finish();
        return c.index.nearest(profile, ContentNeighbours.K, item, Integer::compare);
    }
}
