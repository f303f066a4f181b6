package dev.lodestone.bench.jmh;

import dev.lodestone.bench.datagen.DatasetGenerator;
import dev.lodestone.bench.datagen.DatasetSpec;
import dev.lodestone.core.filter.FilterExpression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Parsing a typical filter expression, and testing it against 1,000 generated entities' attributes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterBenchmark {
    @Param("price < 100 and (in_stock == true or brand != \"none\") and tags contains \"red\"")
    public String expression;

    List<Map<String, Object>> attributes;
    FilterExpression parsed;
    int next;

    @Setup(Level.Trial)
    public void setup() {
        attributes = new ArrayList<>();
        new DatasetGenerator(DatasetSpec.small(1000, 10, 0, 10, 42)).entities((e, a) -> attributes.add(a));
        parsed = FilterExpression.parse(expression);
    }

    @Benchmark
    public FilterExpression parse() {
        return FilterExpression.parse(expression);
    }

    @Benchmark
    public boolean test() {
        next = (next + 1) % attributes.size();
        return parsed.test(attributes.get(next));
    }
}
