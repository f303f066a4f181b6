package dev.lodestone.bench.eval;

import es.uam.eps.ir.ranksys.fast.index.SimpleFastItemIndex;
import es.uam.eps.ir.ranksys.fast.index.SimpleFastUserIndex;
import es.uam.eps.ir.ranksys.fast.preference.FastPreferenceData;
import es.uam.eps.ir.ranksys.fast.preference.SimpleFastPreferenceData;
import es.uam.eps.ir.ranksys.mf.Factorization;
import es.uam.eps.ir.ranksys.mf.als.HKVFactorizer;
import es.uam.eps.ir.ranksys.mf.rec.MFRecommender;
import es.uam.eps.ir.ranksys.nn.item.ItemNeighborhoodRecommender;
import es.uam.eps.ir.ranksys.nn.item.neighborhood.TopKItemNeighborhood;
import es.uam.eps.ir.ranksys.nn.item.sim.VectorCosineItemSimilarity;
import es.uam.eps.ir.ranksys.rec.fast.AbstractFastRecommender;
import org.jooq.lambda.tuple.Tuple;
import org.jooq.lambda.tuple.Tuple3;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * RankSys 0.4.3 recommenders run in-process as outside peers, on the same binary training matrix (positive
 * interactions) as the engine's EASE: iALS (Hu, Koren, Volinsky 2008, RankSys's HKV factoriser: confidence
 * 1 + α·x, L2 λ, alternating exact least squares) and cosine item-kNN.
 */
final class RankSysReference implements Recommender {
    /** RankSys logs every ALS iteration at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger RANKSYS_LOG = quiet(java.util.logging.Logger.getLogger("es.uam.eps.ir.ranksys"));
    static final String IALS = "reference_ranksys_ials";
    static final String ITEM_KNN = "reference_ranksys_item_knn";
    private final String name;
    private final TrainingSet train;
    private final AbstractFastRecommender<String, String> recommender;

    private RankSysReference(String name, TrainingSet train, AbstractFastRecommender<String, String> recommender) {
        this.name = name;
        this.train = train;
        this.recommender = recommender;
    }

    /** iALS with {@code factors} latent dimensions. */
    static RankSysReference ials(String name, TrainingSet train, int factors, double lambda, double alpha, int iterations) {
        var data = data(train);
        Factorization<String, String> f = new HKVFactorizer<String, String>(lambda, x -> 1 + alpha * x, iterations)
                .factorize(factors, data);
        return new RankSysReference(name, train,
                new MFRecommender<>(data, data, f));
    }

    /** Cosine item-kNN with {@code neighbours} per item. */
    static RankSysReference itemKnn(TrainingSet train, int neighbours) {
        var data = data(train);
        var neighbourhood = new TopKItemNeighborhood<>(new VectorCosineItemSimilarity<>(data, 0.5, true), neighbours);
        return new RankSysReference(ITEM_KNN, train,
                new ItemNeighborhoodRecommender<>(data, neighbourhood, 1));
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Binary positive preferences, indexed in the training set's own order. */
    private static FastPreferenceData<String, String> data(TrainingSet train) {
        List<String> users = new ArrayList<>(train.users());
        for (int u = 0; u < train.users(); u++) users.add(null);
        train.userIndex.forEach((id, u) -> users.set(u, id));
        var userIndex = SimpleFastUserIndex.load(users.stream());
        var itemIndex = SimpleFastItemIndex.load(train.items.stream());
        Stream<Tuple3<String, String, Double>> prefs = IntStream.range(0, train.users()).boxed()
                .flatMap(u -> IntStream.range(train.userStart[u], train.userStart[u + 1])
                        .mapToObj(p -> Tuple.tuple(users.get(u), train.items.get(train.userItems[p]), 1.0)));
        return SimpleFastPreferenceData.load(prefs, userIndex, itemIndex); // also both indexes
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> recommend(String userId, int k) {
        int u = train.userIndex.getInt(userId);
        if (u < 0) return List.of();
        var seen = train.seen[u];
        var rec = recommender.getRecommendation(recommender.user2uidx(userId), k, i -> !seen.contains(i));
        List<String> out = new ArrayList<>(k);
        rec.getIidxs().forEach(t -> out.add(recommender.iidx2item(t.v1)));
        return out;
    }
}
