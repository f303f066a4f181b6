package dev.lodestone.core.eval;

import java.util.List;
import java.util.Set;

/** Per-user ranking metrics with binary relevance, over the first {@code k} of a ranked list. */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    public static int hits(List<String> ranked, Set<String> relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.size()); r++) if (relevant.contains(ranked.get(r))) hits++;
        return hits;
    }

    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
    }

    public static double precision(List<String> ranked, Set<String> relevant, int k) {
        return k == 0 ? 0 : (double) hits(ranked, relevant, k) / k;
    }

    public static double hitRate(List<String> ranked, Set<String> relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    public static double reciprocalRank(List<String> ranked, Set<String> relevant, int k) {
        for (int r = 0; r < Math.min(k, ranked.size()); r++) if (relevant.contains(ranked.get(r))) return 1.0 / (r + 1);
        return 0;
    }

    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) dcg += 1 / log2(r + 2);
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.size()); r++) ideal += 1 / log2(r + 2);
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
