package dev.lodestone.core.engine;

import dev.lodestone.core.engine.content.ContentIndex;

import java.util.Arrays;

/**
 * Re-ranking for diversity by maximal marginal relevance: repeatedly takes the candidate maximising
 * (1−λ)·relevance − λ·(its largest content similarity to those already taken), relevance being the score divided by
 * the best score. The re-ranked list keeps descending scores for clients that sort: scores follow the new positions.
 */
final class Diversifier {
    private Diversifier() {
    }

    /** The first {@code need} of the blend in MMR order. */
    static Blender.Blend rerank(ContentIndex content, Blender.Blend blend, int need, double lambda) {
        int[] ranked = blend.ranked();
        double[] scores = blend.scores();
        int n = ranked.length;
        if (lambda <= 0 || n <= 1) return blend;
        boolean[] taken = new boolean[n];
        double[] maxSim = new double[n];
        int take = Math.min(need, n);
        int[] order = new int[take];
        String[] reasons = new String[take];
        double[] orderScores = new double[take];
        double best = scores[0] > 0 ? scores[0] : 1;
        for (int step = 0; step < take; step++) {
            int pick = -1;
            double pickValue = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                if (taken[t]) continue;
                double value = (1 - lambda) * scores[t] / best - lambda * maxSim[t];
                if (value > pickValue) {
                    pickValue = value;
                    pick = t;
                }
            }
            taken[pick] = true;
            order[step] = ranked[pick];
            reasons[step] = blend.reasons()[pick];
            orderScores[step] = scores[pick];
            for (int t = 0; t < n; t++) {
                if (taken[t] || !content.has(ranked[t]) || !content.has(ranked[pick])) continue;
                maxSim[t] = Math.max(maxSim[t], content.similarity(ranked[t], ranked[pick]));
            }
        }
        double[] sorted = orderScores.clone();
        Arrays.sort(sorted);
        for (int t = 0; t < take; t++) orderScores[t] = sorted[take - 1 - t];
        return new Blender.Blend(order, orderScores, reasons);
    }
}
