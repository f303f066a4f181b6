package dev.lodestone.bench.eval;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.learned.EaseTrainer;
import dev.lodestone.core.eval.Split;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Offline evaluation: trains the engine (and the bench's own baselines) on the training part of a split, asks each
 * for the top k of every test user, and scores the lists against the user's held-out positive interactions that
 * were not already in their training history.
 */
public final class EvalDriver {

    /**
     * How to evaluate. {@code maxUsers} ≤ 0 means every test user; {@code neighbours} per item for both reference
     * item-kNNs; {@code benchItemKnn} adds the bench's own, {@code rankSysItemKnn} RankSys's; one dense EASE per λ in
     * {@code denseEaseLambdas} and one RankSys iALS per entry of {@code ials} (a grid).
     */
    public record Options(int k, double relevanceAbove, int maxUsers, long seed, int threads, int neighbours,
                          boolean benchItemKnn, int easeItems, double easeLambda, List<Double> denseEaseLambdas,
                          List<Ials> ials, boolean rankSysItemKnn) {
        public Options {
            if (neighbours < 1) throw new IllegalArgumentException("neighbours must be at least 1");
            denseEaseLambdas = List.copyOf(denseEaseLambdas);
            ials = List.copyOf(ials);
        }

        /** Only the engine and popularity, plus the bench's item-kNN when {@code referenceNeighbours} > 0. */
        public Options(int k, double relevanceAbove, int maxUsers, long seed, int threads, int referenceNeighbours) {
            this(k, relevanceAbove, maxUsers, seed, threads, Math.max(1, referenceNeighbours), referenceNeighbours > 0,
                    0, 0, List.of(), List.of(), false);
        }
    }

    /** One RankSys iALS configuration. */
    public record Ials(int factors, double lambda, double alpha, int iterations) {
        String label() {
            return String.format(java.util.Locale.ROOT, "f=%d,l=%s,a=%s", factors, plain(lambda), plain(alpha));
        }
    }

    /** The split with every training interaction a plain positive of weight 1 ("implicit training"); the test part keeps its weights for relevance. */
    static Split implicitTraining(Split split) {
        List<Interaction> train = new ArrayList<>(split.train().size());
        for (Interaction i : split.train()) {
            train.add(new Interaction(i.id(), i.tenantId(), i.userId(), i.entityType(), i.entityId(), i.interactionType(),
                    i.typeForm(), 1, 1.0, i.metadata(), i.timestamp()));
        }
        return new Split(train, split.test());
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Results in a stable order: the engine's algorithms as asked, then the popularity baseline, then the reference. */
    public record Report(int trainInteractions, int testUsers, Map<String, MetricAccumulator.Summary> results, Map<String, Double> seconds) {
    }

    private final Options options;

    public EvalDriver(Options options) {
        this.options = options;
    }

    public Report run(EvalData data, Split split, List<Algorithm> algorithms) throws InterruptedException {
        Map<String, Set<String>> relevant = relevantByUser(split);
        List<String> users = sampleUsers(relevant);
        TenantModel model = train(data.entities(), split.train());
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (options.easeItems() > 0 || options.easeLambda() > 0) {
            model.learner().configure(options.easeItems() > 0 ? options.easeItems() : EaseTrainer.DEFAULT_ITEMS, options.easeLambda());
        }
        long tLearn = System.nanoTime();
        model.learner().train();
        seconds.put("ease_training", (System.nanoTime() - tLearn) / 1e9);
        var learned = model.learner().status();
        System.err.printf(java.util.Locale.ROOT, "eval: learned model over %,d items, λ = %s%s, hybrid's learned share %s (chosen on validation)%n",
                learned.items(), plain(learned.lambda()), options.easeLambda() > 0 ? " (fixed)" : " (chosen on a validation split of the training part)",
                plain(learned.learnedShare()));
        var trainingSet = new TrainingSet(split.train());

        List<Recommender> recommenders = new ArrayList<>();
        for (Algorithm a : algorithms) recommenders.add(new EngineRecommender(model, a));
        recommenders.add(new PopularityBaseline(trainingSet));
        for (double lambda : options.denseEaseLambdas()) {
            long t0 = System.nanoTime();
            String name = options.denseEaseLambdas().size() == 1 ? DenseEaseReference.NAME : DenseEaseReference.NAME + "[l=" + plain(lambda) + "]";
            recommenders.add(new DenseEaseReference(name, trainingSet, lambda));
            seconds.put(name + "_training", (System.nanoTime() - t0) / 1e9);
        }
        for (Ials ials : options.ials()) {
            long t0 = System.nanoTime();
            String name = options.ials().size() == 1 ? RankSysReference.IALS : RankSysReference.IALS + "[" + ials.label() + "]";
            recommenders.add(RankSysReference.ials(name, trainingSet, ials.factors(), ials.lambda(), ials.alpha(), ials.iterations()));
            seconds.put(name + "_training", (System.nanoTime() - t0) / 1e9);
        }
        if (options.rankSysItemKnn()) {
            long t0 = System.nanoTime();
            recommenders.add(RankSysReference.itemKnn(trainingSet, options.neighbours()));
            seconds.put(RankSysReference.ITEM_KNN + "_training", (System.nanoTime() - t0) / 1e9);
        }
        if (options.benchItemKnn()) {
            long t0 = System.nanoTime();
            recommenders.add(new ItemKnnReference(trainingSet, options.neighbours()));
            seconds.put("reference_item_knn_training", (System.nanoTime() - t0) / 1e9);
        }

        Map<String, MetricAccumulator.Summary> results = new LinkedHashMap<>();
        var pool = new ForkJoinPool(Math.max(1, options.threads()));
        try {
            for (Recommender r : recommenders) {
                var acc = new MetricAccumulator(options.k(), data.entities().size());
                long t0 = System.nanoTime();
                pool.submit(() -> users.parallelStream().forEach(u -> acc.add(r.recommend(u, options.k()), relevant.get(u)))).join();
                seconds.put(r.name(), (System.nanoTime() - t0) / 1e9);
                results.put(r.name(), acc.summary());
            }
        } finally {
            pool.shutdown();
        }
        return new Report(split.train().size(), users.size(), results, seconds);
    }

    /** The engine loaded with the catalogue and the training interactions in time order, its clock just after the last. */
    static TenantModel train(List<Entity> entities, List<Interaction> train) {
        List<Interaction> ordered = new ArrayList<>(train);
        ordered.sort(SplitProtocol.BY_TIME);
        Instant now = ordered.isEmpty() ? Instant.EPOCH : ordered.get(ordered.size() - 1).timestamp().plusSeconds(1);
        var engine = new Engine(EngineSettings.defaults(), Clock.fixed(now, ZoneOffset.UTC), ForkJoinPool.commonPool());
        TenantModel model = engine.tenant(EvalDataReader.TENANT);
        for (Entity e : entities) model.upsertEntity(e);
        // the start-up path: no background training while loading, the learned model is trained once afterwards
        model.loader().interactions(ordered).finish();
        return model;
    }

    /** Test users' positive held-out items, minus what they already had in training (those can never be recommended). */
    Map<String, Set<String>> relevantByUser(Split split) {
        Map<String, Set<String>> trainSeen = new HashMap<>();
        for (Interaction i : split.train()) trainSeen.computeIfAbsent(i.userId(), u -> new HashSet<>()).add(i.entityId());
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (Interaction i : split.test()) {
            if (i.weight() <= options.relevanceAbove()) continue;
            if (trainSeen.getOrDefault(i.userId(), Set.of()).contains(i.entityId())) continue;
            relevant.computeIfAbsent(i.userId(), u -> new HashSet<>()).add(i.entityId());
        }
        return relevant;
    }

    private List<String> sampleUsers(Map<String, Set<String>> relevant) {
        List<String> users = new ArrayList<>(relevant.keySet());
        users.sort(null);
        if (options.maxUsers() <= 0 || users.size() <= options.maxUsers()) return users;
        var random = new SplittableRandom(options.seed());
        for (int i = users.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = users.get(i);
            users.set(i, users.get(j));
            users.set(j, t);
        }
        return new ArrayList<>(users.subList(0, options.maxUsers()));
    }
}
