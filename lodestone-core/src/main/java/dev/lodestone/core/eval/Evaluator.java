package dev.lodestone.core.eval;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Offline evaluation: trains a {@link TenantModel} on the train part, asks {@code recommend} (top k, excluding seen
 * items) for every test user, and averages ranking metrics against the user's relevant test items (positive
 * weight). The model's clock stands one second after the newest training interaction, so trending and decay behave
 * as they would have at that moment.
 */
public final class Evaluator {
    private final EngineSettings settings;
    private final Executor background;

    /** Default settings; the model's rebuild helpers run on the common pool (an offline tool owns no executor). */
    public Evaluator() {
        this(EngineSettings.defaults(), ForkJoinPool.commonPool());
    }

    public Evaluator(EngineSettings settings, Executor background) {
        this.settings = settings;
        this.background = background;
    }

    /** Builds a model from the train part and the catalogue, then evaluates {@code algorithm} on it. */
    public EvaluationResult evaluate(List<Interaction> train, List<Interaction> test, List<Entity> catalogue,
                                     Algorithm algorithm, int k) {
        return evaluate(train(train, catalogue), test, catalogue.size(), algorithm, k);
    }

    /** Trains a model once (to evaluate several algorithms on it). */
    public TenantModel train(List<Interaction> train, List<Entity> catalogue) {
        Instant newest = Instant.EPOCH;
        for (Interaction i : train) if (i.timestamp() != null && i.timestamp().isAfter(newest)) newest = i.timestamp();
        for (Entity e : catalogue) if (e.createdAt() != null && e.createdAt().isAfter(newest)) newest = e.createdAt();
        Clock clock = Clock.fixed(newest.plusSeconds(1), ZoneOffset.UTC);
        TenantModel model = new Engine(settings, clock, background).tenant("evaluation");
        TenantModel.Loader loader = model.loader();
        for (Entity e : catalogue) loader.entity(e);
        loader.interactions(train).finish();
        return model;
    }

    public EvaluationResult evaluate(TenantModel model, List<Interaction> test, int catalogueSize, Algorithm algorithm,
                                     int k) {
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (Interaction i : test) {
            if (i.weight() > 0) relevant.computeIfAbsent(i.userId(), u -> new HashSet<>()).add(itemKey(i.entityType(), i.entityId()));
        }
        double recall = 0, ndcg = 0, hit = 0, precision = 0, mrr = 0;
        Set<String> recommended = new HashSet<>();
        for (var e : relevant.entrySet()) {
            var list = model.recommend(new UserQuery(e.getKey(), k, 0, algorithm, null, null, null, Set.of(), true, 0));
            List<String> ranked = new ArrayList<>(k);
            for (Recommendation r : list.items()) ranked.add(itemKey(r.entityType(), r.entityId()));
            recommended.addAll(ranked);
            Set<String> rel = e.getValue();
            recall += RankingMetrics.recall(ranked, rel, k);
            ndcg += RankingMetrics.ndcg(ranked, rel, k);
            hit += RankingMetrics.hitRate(ranked, rel, k);
            precision += RankingMetrics.precision(ranked, rel, k);
            mrr += RankingMetrics.reciprocalRank(ranked, rel, k);
        }
        int users = relevant.size();
        double n = Math.max(1, users);
        double coverage = catalogueSize == 0 ? 0 : (double) recommended.size() / catalogueSize;
        return new EvaluationResult(algorithm, k, users, recall / n, ndcg / n, hit / n, precision / n, mrr / n, coverage);
    }

    private static String itemKey(String type, String id) {
        return type + '\u0000' + id;
    }
}
