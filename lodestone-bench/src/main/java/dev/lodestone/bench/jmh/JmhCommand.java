package dev.lodestone.bench.jmh;

import dev.lodestone.bench.cli.DurationConverter;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "jmh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the JMH kernels (EngineBenchmark, FilterBenchmark, JsonWriteBenchmark) with short iterations.",
                "INCLUDE is a regex over benchmark names, e.g. 'EngineBenchmark.recommendUser' or 'Json'."})
public final class JmhCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "dev.lodestone.bench.jmh.", paramLabel = "INCLUDE",
            description = "Benchmark regex (default: all)")
    String include;
    @Option(names = "--forks", defaultValue = "1", description = "JVM forks (default ${DEFAULT-VALUE})")
    int forks;
    @Option(names = "--warmup-iterations", defaultValue = "2", description = "(default ${DEFAULT-VALUE})")
    int warmupIterations;
    @Option(names = "--iterations", defaultValue = "3", description = "(default ${DEFAULT-VALUE})")
    int iterations;
    @Option(names = "--time", defaultValue = "2s", converter = DurationConverter.class, description = "Per measured iteration (default ${DEFAULT-VALUE})")
    Duration time;
    @Option(names = "--warmup-time", defaultValue = "1s", converter = DurationConverter.class, description = "Per warm-up iteration (default ${DEFAULT-VALUE})")
    Duration warmupTime;
    @Option(names = "--threads", defaultValue = "1", description = "Benchmark threads (default ${DEFAULT-VALUE})")
    int threads;
    @Option(names = {"-p", "--param"}, description = "Override a @Param, e.g. -p interactions=1000000 -p algorithm=item_knn")
    Map<String, String> params;
    @Option(names = "--json", description = "Write JMH's JSON result to this file")
    Path json;
    @Option(names = "--jvm-args", split = " ", description = "Extra JVM arguments of the forks, e.g. '-Xmx2g'")
    List<String> jvmArgs;

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder().include(include).forks(forks)
                .warmupIterations(warmupIterations).warmupTime(TimeValue.milliseconds(warmupTime.toMillis()))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds(time.toMillis()))
                .threads(threads).shouldFailOnError(true);
        if (params != null) params.forEach(o::param);
        if (jvmArgs != null) o.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (json != null) o.resultFormat(ResultFormatType.JSON).result(json.toString());
        var results = new Runner(o.build()).run();
        return results.isEmpty() ? 1 : 0;
    }
}
