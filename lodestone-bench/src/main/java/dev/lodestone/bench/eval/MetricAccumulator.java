package dev.lodestone.bench.eval;

import dev.lodestone.core.eval.RankingMetrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Averages the engine's {@link RankingMetrics} over the users the bench evaluates in parallel, and counts the
 * distinct items recommended (catalogue coverage). Thread-safe.
 */
public final class MetricAccumulator {
    private final int k;
    private final int catalogueSize;
    private final Set<String> recommended = new HashSet<>();
    private double recall, ndcg, hitRate, precision, reciprocalRank;
    private long users;

    public MetricAccumulator(int k, int catalogueSize) {
        this.k = k;
        this.catalogueSize = catalogueSize;
    }

    /** One user's list against their relevant items (at least one: a user without any cannot be scored). */
    public void add(List<String> ranked, Set<String> relevant) {
        if (relevant.isEmpty()) throw new IllegalArgumentException("a user without relevant items cannot be scored");
        double userRecall = RankingMetrics.recall(ranked, relevant, k);
        double userNdcg = RankingMetrics.ndcg(ranked, relevant, k);
        double userHit = RankingMetrics.hitRate(ranked, relevant, k);
        double userPrecision = RankingMetrics.precision(ranked, relevant, k);
        double userReciprocalRank = RankingMetrics.reciprocalRank(ranked, relevant, k);
        synchronized (this) {
            recall += userRecall;
            ndcg += userNdcg;
            hitRate += userHit;
            precision += userPrecision;
            reciprocalRank += userReciprocalRank;
            users++;
            for (int i = 0; i < Math.min(k, ranked.size()); i++) recommended.add(ranked.get(i));
        }
    }

    public synchronized Summary summary() {
        double n = Math.max(1, users);
        return new Summary(k, users, recall / n, ndcg / n, hitRate / n, precision / n, reciprocalRank / n,
                catalogueSize == 0 ? 0 : (double) recommended.size() / catalogueSize);
    }

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Means over {@code users}; {@code coverage} is distinct recommended items / catalogue size. */
    public record Summary(int k, long users, double recall, double ndcg, double hitRate, double precision, double mrr, double coverage) {
    }
}
