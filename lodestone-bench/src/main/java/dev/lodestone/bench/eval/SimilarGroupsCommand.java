package dev.lodestone.bench.eval;

import dev.lodestone.bench.datagen.DatasetFiles;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.eval.Evaluator;
import dev.lodestone.core.model.Entity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * How often "similar entities" share the source's latent group, which the data generator knows (groups.csv): the
 * share of the top k that are in the source's group, averaged over a seeded sample of entities, per algorithm.
 */
@Command(name = "similar-groups", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Share of similar entities (top k) in the source's latent group, from a datagen directory."})
public final class SimilarGroupsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A datagen directory (entities.jsonl, interactions, groups.csv)")
    Path dir;
    @Option(names = "-k", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--sample", defaultValue = "1000", description = "Source entities, a seeded sample (default ${DEFAULT-VALUE})")
    int sample;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--algorithms", split = ",", defaultValue = "content_based,item_knn,hybrid",
            description = "Algorithms of the similar-entities list (default ${DEFAULT-VALUE})")
    List<String> algorithms;
    @Option(names = "--catalogue-only", description = "Train on the catalogue alone (no interactions): new-catalogue case")
    boolean catalogueOnly;

    @Override
    public Integer call() throws Exception {
        var shares = measure();
        System.out.printf("%-16s %16s %10s%n", "algorithm", "same-group share", "lists");
        shares.forEach((algorithm, share) -> System.out.printf(Locale.ROOT, "%-16s %16.3f %10d%n",
                algorithm, share.share(), share.lists()));
        return 0;
    }

    /** One algorithm's result: the same-group share over {@code lists} similar-entity lists. */
    public record Share(double share, long lists) {
    }

    /** Shares per algorithm, in the order asked. */
    public Map<String, Share> measure() throws IOException {
        Map<String, Integer> groups = entityGroups(dir.resolve(DatasetFiles.GROUPS));
        EvalData data = new EvalDataReader("product").read(dir);
        TenantModel model = new Evaluator().train(catalogueOnly ? List.of() : data.interactions(), data.entities());
        List<Entity> sources = new ArrayList<>(data.entities());
        sources.removeIf(e -> !groups.containsKey(e.entityId()));
        Collections.shuffle(sources, new Random(seed));
        sources = sources.subList(0, Math.min(sample, sources.size()));
        System.err.printf(Locale.ROOT, "%,d source entities, k = %d, %s%n", sources.size(), k,
                catalogueOnly ? "catalogue only" : "catalogue and " + data.interactions().size() + " interactions");
        Map<String, Share> shares = new LinkedHashMap<>();
        for (String name : algorithms) {
            Algorithm algorithm = Algorithm.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + name));
            long same = 0, total = 0, lists = 0;
            for (Entity source : sources) {
                var result = model.similar(new SimilarQuery(source.key(), k, 0, algorithm, null, null, Set.of(), 0));
                if (result.isEmpty()) continue;
                lists++;
                int group = groups.get(source.entityId());
                for (Recommendation r : result.get().items()) {
                    Integer g = groups.get(r.entityId());
                    if (g != null && g == group) same++;
                    total++;
                }
            }
            shares.put(algorithm.wireName(), new Share(total == 0 ? 0 : (double) same / total, lists));
        }
        return shares;
    }

    /** Entity id → group from groups.csv ({@code kind,id,group}). */
    static Map<String, Integer> entityGroups(Path file) throws IOException {
        Map<String, Integer> groups = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", 3);
                if (f.length == 3 && f[0].equals("entity")) groups.put(f[1], Integer.parseInt(f[2].trim()));
            }
        }
        return groups;
    }
}
