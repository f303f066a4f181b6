package dev.lodestone.core.engine;

import dev.lodestone.core.engine.CandidateSource.Scored;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.util.List;

/**
 * Blends the sources' scores: each source is divided by its largest score and weighted, the shares are summed, and
 * the best {@code pool} eligible candidates are kept. The reason of an item is the reason with the largest summed
 * share (item-kNN, user-kNN and the learned model are all "collaborative"); the first such on ties.
 */
final class Blender {
    private Blender() {
    }

    /** The blended best candidates, best first, with their scores and reasons. */
    record Blend(int[] ranked, double[] scores, String[] reasons) {
    }

    static Blend blend(RankContext ctx, List<Scored> sources, Eligibility eligibility, int pool) {
        int n = sources.size();
        double[] scale = new double[n];
        for (int s = 0; s < n; s++) {
            Scored source = sources.get(s);
            double max = source.scores().max();
            scale[s] = max > 0 ? source.weight() / max : 0;
        }
        TopK top = new TopK(pool, ctx.catalog()::compareKeys);
        // every candidate once: in the first source that has it (the earlier ones lack it)
        for (int s = 0; s < n; s++) {
            ScoreBoard board = sources.get(s).scores();
            for (int t = 0; t < board.size(); t++) {
                int c = board.index(t);
                if (inEarlierSource(sources, s, c)) continue;
                double total = blended(sources, scale, c);
                // only what could enter the list pays for the eligibility check (filters can be costly)
                if (total <= 0 || !top.wouldAccept(total) || !eligibility.test(c)) continue;
                top.offer(c, total);
            }
        }
        int[] ranked = top.indexesByScore();
        String[] reasons = new String[ranked.length];
        for (int t = 0; t < ranked.length; t++) reasons[t] = reasonOf(sources, scale, ranked[t]);
        return new Blend(ranked, top.scoresByScore(), reasons);
    }

    private static boolean inEarlierSource(List<Scored> sources, int s, int c) {
        for (int e = 0; e < s; e++) if (sources.get(e).scores().contains(c)) return true;
        return false;
    }

    /** Σ weight × score / max over the sources, rounded so the order does not depend on float summation order. */
    private static double blended(List<Scored> sources, double[] scale, int c) {
        double total = 0;
        for (int s = 0; s < scale.length; s++) {
            if (scale[s] != 0) total += scale[s] * sources.get(s).scores().get(c);
        }
        return Math.rint(total * 1e6) / 1e6;
    }

    private static String reasonOf(List<Scored> sources, double[] scale, int c) {
        String best = sources.getFirst().reason();
        double bestShare = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < scale.length; s++) {
            String reason = sources.get(s).reason();
            boolean seen = false;
            for (int e = 0; e < s; e++) seen |= sources.get(e).reason().equals(reason);
            if (seen) continue;
            double share = 0;
            for (int t = s; t < scale.length; t++) {
                if (sources.get(t).reason().equals(reason)) share += scale[t] * sources.get(t).scores().get(c);
            }
            if (share > bestShare) {
                bestShare = share;
                best = reason;
            }
        }
        return best;
    }
}
