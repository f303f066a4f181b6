package dev.lodestone.bench;

import dev.lodestone.bench.cluster.FeedLagCommand;
import dev.lodestone.bench.datagen.DatagenCommand;
import dev.lodestone.bench.eval.ComplementsCommand;
import dev.lodestone.bench.eval.EvalCommand;
import dev.lodestone.bench.eval.SimilarGroupsCommand;
import dev.lodestone.bench.faults.FaultsCommand;
import dev.lodestone.bench.faults.SoakCommand;
import dev.lodestone.bench.jmh.JmhCommand;
import dev.lodestone.bench.load.LoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./lodestone bench}: data generator, load generator, offline evaluator, JMH kernels, fault campaign and soak. */
@Command(name = "lodestone bench", mixinStandardHelpOptions = true, version = "lodestone-bench 0.1.0",
        description = "Benchmarks and offline evaluation for Lodestone.",
        subcommands = {DatagenCommand.class, LoadCommand.class, EvalCommand.class, SimilarGroupsCommand.class, ComplementsCommand.class,
                JmhCommand.class, FeedLagCommand.class, FaultsCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
