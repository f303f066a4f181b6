package dev.lodestone.bench.eval;

import java.util.List;
import java.util.Set;

/**
 * Top-k ranking metrics of one user's list against the items they really interacted with in the test set.
 * Recall@k divides by all relevant items, NDCG@k uses binary gains and the ideal DCG of min(|relevant|, k) hits,
 * MRR@k is the reciprocal rank of the first hit within the top k (0 without one).
 */
public record RankingMetrics(double recall, double ndcg, double hitRate, double precision, double reciprocalRank) {

    public static RankingMetrics of(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) throw new IllegalArgumentException("a user without relevant items cannot be scored");
        int hits = 0;
        double dcg = 0;
        double reciprocalRank = 0;
        int n = Math.min(k, ranked.size());
        for (int i = 0; i < n; i++) {
            if (!relevant.contains(ranked.get(i))) continue;
            hits++;
            dcg += 1 / log2(i + 2);
            if (reciprocalRank == 0) reciprocalRank = 1.0 / (i + 1);
        }
        double idealDcg = 0;
        for (int i = 0; i < Math.min(relevant.size(), k); i++) idealDcg += 1 / log2(i + 2);
        return new RankingMetrics((double) hits / relevant.size(), dcg / idealDcg, hits > 0 ? 1 : 0, (double) hits / k, reciprocalRank);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
