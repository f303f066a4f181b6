package dev.lodestone.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.eval.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Offline quality: splits interactions, trains the engine in-process and reports Recall@k, NDCG@k,",
                "HR@k, Precision@k, MRR@k and catalogue coverage per algorithm, beside a popularity baseline."})
public final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "CSV user,item[,value[,timestamp]] (header optional) or a datagen directory")
    Path input;
    @Option(names = "--split", defaultValue = "random", description = "random | leave-last-out | temporal (default ${DEFAULT-VALUE})")
    String split;
    @Option(names = "--ratio", defaultValue = "0.8", description = "Training share for random and temporal splits (default ${DEFAULT-VALUE})")
    double ratio;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the user sample (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "-k", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--algorithms", split = ",", defaultValue = "hybrid,collaborative,content_based,item_knn,user_knn,popular",
            description = "Engine algorithms to evaluate (default ${DEFAULT-VALUE})")
    List<String> algorithms;
    @Option(names = "--reference", description = "Also evaluate the bench's own plain cosine item-kNN")
    boolean reference;
    @Option(names = "--reference-neighbours", defaultValue = "100", description = "Neighbours per item of the reference item-kNNs, the bench's and RankSys's (default ${DEFAULT-VALUE})")
    int referenceNeighbours;
    @Option(names = "--relevance-above", defaultValue = "0", description = "A held-out interaction is relevant when its weight is above this (default ${DEFAULT-VALUE})")
    double relevanceAbove;
    @Option(names = "--max-users", defaultValue = "10000", description = "Evaluate a seeded sample of this many test users, 0 for all (default ${DEFAULT-VALUE})")
    int maxUsers;
    @Option(names = "--threads", description = "Threads asking for recommendations (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--entity-type", defaultValue = "product", description = "entity_type for CSV items (default ${DEFAULT-VALUE})")
    String entityType;
    @Option(names = "--ease-items", defaultValue = "0", description = "Items the engine's learned EASE model covers (default: the engine's)")
    int easeItems;

    @Option(names = "--ease-lambda", defaultValue = "0", description = "A fixed λ for the engine's learned EASE model (default: the engine chooses it on a validation split of the training part)")
    double easeLambda;

    @Option(names = "--dense-ease", split = ",", description = "Also evaluate a dense EASE over every item (≤ ~20k) with each of these λ")
    List<Double> denseEase = List.of();

    @Option(names = "--ranksys", description = "Also evaluate RankSys 0.4.3 iALS and cosine item-kNN (--reference-neighbours) in-process")
    boolean ranksys;

    @Option(names = "--ials-factors", split = ",", defaultValue = "64", description = "RankSys iALS latent factors; a list is a grid (default ${DEFAULT-VALUE})")
    List<Integer> ialsFactors;

    @Option(names = "--ials-lambda", split = ",", defaultValue = "10", description = "RankSys iALS L2 regularisation; a list is a grid (default ${DEFAULT-VALUE})")
    List<Double> ialsLambda;

    @Option(names = "--ials-alpha", split = ",", defaultValue = "10", description = "RankSys iALS confidence 1 + alpha·x; a list is a grid (default ${DEFAULT-VALUE})")
    List<Double> ialsAlpha;

    @Option(names = "--ials-iterations", defaultValue = "15", description = "RankSys iALS iterations (default ${DEFAULT-VALUE})")
    int ialsIterations;

    @Option(names = "--implicit", description = "Train on every training interaction as a plain positive (weight 1) whatever its value; relevance still reads the value")
    boolean implicit;

    @Option(names = "--validation", description = "Tune: split the training part again the same way and evaluate on that validation part (the test part is never read)")
    boolean validation;

    @Option(names = "--json", description = "Also write the report as JSON to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
        List<Algorithm> parsed = new ArrayList<>();
        for (String name : algorithms) {
            parsed.add(Algorithm.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + name + "'")));
        }
        var protocol = SplitProtocol.parse(split);
        long t0 = System.nanoTime();
        EvalData data = new EvalDataReader(entityType).read(input);
        Split s = protocol.apply(data.interactions(), ratio, seed);
        if (validation) s = protocol.apply(s.train(), ratio, seed + 1);
        if (implicit) s = EvalDriver.implicitTraining(s);
        System.err.printf(Locale.ROOT, "eval: %,d interactions, %,d entities read in %.1f s; %s split: %,d train, %,d test%n",
                data.interactions().size(), data.entities().size(), (System.nanoTime() - t0) / 1e9, protocol.cliName(), s.train().size(), s.test().size());
        var options = new EvalDriver.Options(k, relevanceAbove, maxUsers, seed, threads, referenceNeighbours, reference,
                easeItems, easeLambda, denseEase, ranksys ? ialsGrid() : List.of(), ranksys);
        EvalDriver.Report report = new EvalDriver(options).run(data, s, parsed);
        printTable(report, System.out);
        if (json != null) new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), toMap(report, protocol));
        return 0;
    }

    /** Every combination of the iALS options, factors outermost. */
    private List<EvalDriver.Ials> ialsGrid() {
        List<EvalDriver.Ials> grid = new ArrayList<>();
        for (int f : ialsFactors) {
            for (double l : ialsLambda) {
                for (double a : ialsAlpha) grid.add(new EvalDriver.Ials(f, l, a, ialsIterations));
            }
        }
        return grid;
    }

    void printTable(EvalDriver.Report report, PrintStream out) {
        out.printf(Locale.ROOT, "%,d training interactions, %,d test users, k = %d%n", report.trainInteractions(), report.testUsers(), k);
        out.printf("%-40s %9s %9s %9s %12s %9s %9s %8s%n", "algorithm", "recall", "ndcg", "hr", "precision", "mrr", "coverage", "seconds");
        report.results().forEach((name, m) -> out.printf(Locale.ROOT, "%-40s %9.4f %9.4f %9.4f %12.4f %9.4f %9.4f %8.1f%n",
                name, m.recall(), m.ndcg(), m.hitRate(), m.precision(), m.mrr(), m.coverage(), report.seconds().getOrDefault(name, 0.0)));
        report.seconds().forEach((name, secs) -> {
            if (name.endsWith("_training")) out.printf(Locale.ROOT, "%-40s %8.1f s%n", name, secs);
        });
    }

    private Map<String, Object> toMap(EvalDriver.Report report, SplitProtocol protocol) {
        var m = new LinkedHashMap<String, Object>();
        m.put("input", input.toString());
        m.put("split", protocol.cliName());
        m.put("ratio", ratio);
        m.put("seed", seed);
        m.put("k", k);
        m.put("train_interactions", report.trainInteractions());
        m.put("test_users", report.testUsers());
        m.put("results", report.results());
        m.put("seconds", report.seconds());
        return m;
    }
}
