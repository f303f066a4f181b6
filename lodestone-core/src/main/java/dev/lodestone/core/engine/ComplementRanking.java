package dev.lodestone.core.engine;

import dev.lodestone.core.engine.CandidateSource.Scored;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * The complements stage: entities that go with a basket, in tiers ({@link Pipelines#COMPLEMENT_TIERS}) — bought
 * together with the basket's items, then (where such evidence runs out) co-interacted with them, then alike in
 * content — then the {@link Fill}. Not the {@link Blender}'s weighted blend: a lower tier never outranks a higher one,
 * because viewed-together and looks-alike are what substitutes share, not what complements do.
 *
 * <p>Each tier's source runs once per basket item (as for a similar-entities list of that item); each item's scores
 * are divided by their best before they are summed, so every basket item has its say and an entity going with
 * several of them ranks first. Used under the model's read lock.
 */
final class ComplementRanking {
    private ComplementRanking() {
    }

    static List<Recommendation> rank(RankContext ctx, ComplementQuery q) {
        Eligibility eligibility = new Eligibility(ctx.catalog(), ctx.now(), q.entityType(), q.filter(), q.exclude(),
                ctx.scratch().board());
        IntArrayList basket = new IntArrayList();
        for (var key : q.basket()) {
            int i = ctx.catalog().indexOf(key);
            if (i >= 0 && !basket.contains(i)) basket.add(i);
        }
        for (int i : basket) eligibility.exclude(i);
        int need = q.offset() + q.count();
        List<CandidateSource> tiers = Pipelines.COMPLEMENT_TIERS;
        ScoreBoard[] summed = new ScoreBoard[tiers.size()];
        for (int t = 0; t < summed.length; t++) summed[t] = ctx.scratch().board();
        for (int item : basket) {
            var request = new RankRequest(-1, item, eligibility, Math.max(Ranker.MIN_POOL, need * 3), 0);
            List<Scored> earlier = new ArrayList<>(tiers.size());
            for (int t = 0; t < tiers.size(); t++) {
                CandidateSource source = tiers.get(t);
                ScoreBoard scores = source.scores(ctx, request, earlier);
                earlier.add(new Scored(source.reason(), 1, scores));
                addNormalised(scores, summed[t]);
            }
        }
        // tier t (0 = strongest) scores lie in (n − t − 1, n − t]: a weaker tier never outranks a stronger one
        int n = summed.length;
        TopK top = new TopK(need, ctx.catalog()::compareKeys);
        for (int t = 0; t < n; t++) {
            ScoreBoard board = summed[t];
            double max = board.max();
            for (int k = 0; k < board.size(); k++) {
                int c = board.index(k);
                if (board.value(k) <= 0 || inStrongerTier(summed, t, c)) continue;
                double score = n - t - 1 + board.value(k) / max;
                if (!top.wouldAccept(score) || !eligibility.test(c)) continue;
                top.offer(c, score);
            }
        }
        int[] ranked = top.indexesByScore();
        double[] scores = top.scoresByScore();
        List<Recommendation> out = new ArrayList<>(need);
        for (int k = 0; k < ranked.length; k++) {
            int tier = n - (int) Math.ceil(scores[k]);
            // reported in (0, 1]: the tiered score over the number of tiers
            out.add(Fill.recommendation(ctx, ranked[k], Math.rint(scores[k] / n * 1e6) / 1e6, tiers.get(tier).reason()));
            eligibility.choose(ranked[k]);
        }
        Fill.fill(ctx, out, eligibility, need);
        if (q.offset() >= out.size()) return List.of();
        return List.copyOf(out.subList(q.offset(), Math.min(out.size(), need)));
    }

    private static boolean inStrongerTier(ScoreBoard[] tiers, int t, int c) {
        for (int s = 0; s < t; s++) if (tiers[s].contains(c)) return true;
        return false;
    }

    /** Adds {@code from}'s positive scores divided by its best into {@code into}. */
    private static void addNormalised(ScoreBoard from, ScoreBoard into) {
        float max = from.max();
        if (max <= 0) return;
        for (int k = 0; k < from.size(); k++) {
            if (from.value(k) > 0) into.add(from.index(k), from.value(k) / max);
        }
    }
}
