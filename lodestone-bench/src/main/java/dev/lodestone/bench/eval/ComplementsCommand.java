package dev.lodestone.bench.eval;

import dev.lodestone.bench.datagen.BasketGenerator;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.ComplementQuery;
import dev.lodestone.core.engine.ListQuery;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.eval.Evaluator;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * How well lists predict what is bought together, on a datagen directory made with {@code --baskets}: the engine is
 * trained on the interactions and the earlier orders; for every product of every later order, each list (complements,
 * similar entities, raw co-purchase counts, popular) is asked for k products, and a hit is another product of the
 * same order in the list. Bundles: each later order of 3+ products less its last product, asked for that product.
 */
@Command(name = "complements", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hit rate of complements vs similar-entity lists at predicting products bought together",
                "(a datagen directory written with --baskets)."})
public final class ComplementsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A datagen directory with baskets.csv and complements.csv")
    Path dir;
    @Option(names = "-k", defaultValue = "10", description = "List length (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--test-share", defaultValue = "0.2", description = "Latest share of orders held out (default ${DEFAULT-VALUE})")
    double testShare;
    @Option(names = "--max-queries", defaultValue = "5000", description = "At most this many query products (default ${DEFAULT-VALUE})")
    int maxQueries;

    record Order(String id, String user, List<String> items, Instant at) {
    }

    /** Hits of one list kind over the queries. */
    static final class Score {
        long queries, hits, found, truths, knownComplementSlots, slots, bestSellerTop, plainQueries, plainHits;

        void add(List<String> list, Set<String> truth, Set<String> known, Set<String> bestSellers) {
            queries++;
            int f = 0;
            for (String id : list) if (truth.contains(id)) f++;
            if (f > 0) hits++;
            found += f;
            truths += truth.size();
            for (String id : list) if (known.contains(id)) knownComplementSlots++;
            slots += list.size();
            if (!list.isEmpty() && bestSellers.contains(list.getFirst())) bestSellerTop++;
            // the same, when the best-sellers (which go with anything) are not counted as bought together
            Set<String> plain = new HashSet<>(truth);
            plain.removeAll(bestSellers);
            if (plain.isEmpty()) return;
            plainQueries++;
            for (String id : list) {
                if (plain.contains(id)) {
                    plainHits++;
                    break;
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        var results = measure();
        System.out.printf("%-24s %8s %8s %16s %14s %14s %10s%n", "list", "HR@" + k, "Recall", "HR@" + k + " no-best",
                "known-compl.", "best-seller #1", "queries");
        results.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-24s %8.4f %8.4f %16.4f %14.4f %14.4f %10d%n", name,
                ratio(s.hits, s.queries), ratio(s.found, s.truths), ratio(s.plainHits, s.plainQueries),
                ratio(s.knownComplementSlots, s.slots), ratio(s.bestSellerTop, s.queries), s.queries));
        return 0;
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    public Map<String, Score> measure() throws IOException {
        List<Order> orders = readOrders(dir.resolve(BasketGenerator.BASKETS));
        Map<String, Set<String>> known = readComplements(dir.resolve(BasketGenerator.COMPLEMENTS_FILE));
        EvalData data = new EvalDataReader("product").read(dir);
        TenantModel model = new Evaluator().train(data.interactions(), data.entities());
        Map<String, String> typeOf = new HashMap<>();
        data.entities().forEach(e -> typeOf.put(e.entityId(), e.entityType()));
        int split = (int) Math.round(orders.size() * (1 - testShare));
        List<Interaction> purchases = new ArrayList<>();
        Map<String, Map<String, Integer>> coCounts = new HashMap<>();
        Map<String, Integer> bought = new HashMap<>();
        long id = 10_000_000_000L;
        for (Order o : orders.subList(0, split)) {
            for (String item : o.items()) {
                purchases.add(new Interaction(id++, EvalDataReader.TENANT, o.user(), typeOf.getOrDefault(item, "product"), item,
                        "purchase", InteractionTypeForm.PLAIN, 5, null, Map.of("order_id", o.id()), o.at()));
                bought.merge(item, 1, Integer::sum);
                for (String other : o.items()) if (!other.equals(item)) coCounts.computeIfAbsent(item, x -> new HashMap<>()).merge(other, 1, Integer::sum);
            }
        }
        model.addInteractions(purchases);
        Set<String> bestSellers = new HashSet<>(bought.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(Map.Entry::getKey).toList());

        Map<String, BiFunction<String, String, List<String>>> lists = new LinkedHashMap<>();
        lists.put("complements", (item, type) -> ids(model.complements(new ComplementQuery(List.of(new EntityKey(type, item)), k, 0, null, null, Set.of()))));
        lists.put("similar (hybrid)", (item, type) -> similar(model, item, type, Algorithm.HYBRID));
        lists.put("similar (item_knn)", (item, type) -> similar(model, item, type, Algorithm.ITEM_KNN));
        lists.put("co-purchase count", (item, type) -> coCounts.getOrDefault(item, Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(k).map(Map.Entry::getKey).toList());
        lists.put("popular", (item, type) -> ids(model.popular(new ListQuery(k + 1, 0, null, null, 0))).stream()
                .filter(x -> !x.equals(item)).limit(k).toList());
        Map<String, Score> scores = new LinkedHashMap<>();
        lists.keySet().forEach(name -> scores.put(name, new Score()));
        Score bundle = new Score();
        Score bundleSimilar = new Score();
        long queries = 0;
        for (Order o : orders.subList(split, orders.size())) {
            if (o.items().size() < 2 || queries >= maxQueries) continue;
            for (String item : o.items()) {
                if (queries++ >= maxQueries) break;
                Set<String> truth = new HashSet<>(o.items());
                truth.remove(item);
                String type = typeOf.getOrDefault(item, "product");
                Set<String> knownOfItem = known.getOrDefault(item, Set.of());
                lists.forEach((name, list) -> scores.get(name).add(list.apply(item, type), truth, knownOfItem, bestSellers));
            }
            if (o.items().size() >= 3) {
                List<String> basket = o.items().subList(0, o.items().size() - 1);
                Set<String> held = Set.of(o.items().getLast());
                var keys = basket.stream().map(i -> new EntityKey(typeOf.getOrDefault(i, "product"), i)).toList();
                bundle.add(ids(model.complements(new ComplementQuery(keys, k, 0, null, null, Set.of()))), held, Set.of(), bestSellers);
                bundleSimilar.add(similar(model, basket.getFirst(), keys.getFirst().type(), Algorithm.HYBRID), held, Set.of(), bestSellers);
            }
        }
        scores.put("bundle (basket - 1)", bundle);
        scores.put("similar of 1st (b - 1)", bundleSimilar);
        System.err.printf(Locale.ROOT, "%,d orders: %,d trained, %,d held out; %,d interactions; k = %d%n", orders.size(), split,
                orders.size() - split, data.interactions().size(), k);
        return scores;
    }

    private List<String> similar(TenantModel model, String item, String type, Algorithm algorithm) {
        return model.similar(new SimilarQuery(new EntityKey(type, item), k, 0, algorithm, null, null, Set.of(), 0))
                .map(l -> ids(l.items())).orElse(List.of());
    }

    private static List<String> ids(List<Recommendation> items) {
        return items.stream().map(Recommendation::entityId).toList();
    }

    static List<Order> readOrders(Path file) throws IOException {
        Map<String, Order> orders = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", 4);
                if (f.length < 4) continue;
                Order o = orders.computeIfAbsent(f[0], x -> new Order(x, f[1], new ArrayList<>(), Instant.ofEpochSecond(Long.parseLong(f[3].trim()))));
                o.items().add(f[2]);
            }
        }
        return new ArrayList<>(orders.values());
    }

    static Map<String, Set<String>> readComplements(Path file) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", 2);
                if (f.length == 2) out.computeIfAbsent(f[0], x -> new HashSet<>()).add(f[1].trim());
            }
        }
        return out;
    }
}
