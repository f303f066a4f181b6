package dev.lodestone.core.engine;

import dev.lodestone.core.engine.rank.LiveRanking;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.util.function.IntToDoubleFunction;

/** Reads the best eligible entries of an order kept by {@link ListRankings}. */
final class KeptOrders {
    private KeptOrders() {
    }

    /** A ranked walk (see {@link LiveRanking#walk}). */
    interface Walk {
        boolean walk(LiveRanking.Visitor visitor);
    }

    /**
     * The {@code pool} best eligible entries of a kept order, into {@code out}; a scan with {@code score} when filters
     * reject so much that the walk runs past the kept part.
     */
    static ScoreBoard best(RankContext ctx, Walk walk, IntToDoubleFunction score, Eligibility eligibility, int pool,
                           ScoreBoard out) {
        if (pool <= 0) return out;
        boolean complete = walk.walk((i, s) -> {
            if (eligibility.test(i)) out.put(i, (float) s);
            return out.size() < pool;
        });
        if (complete) return out;
        out.clear();
        TopK top = new TopK(pool, ctx.catalog()::compareKeys);
        int n = Math.min(ctx.matrix().itemCount(), ctx.catalog().size());
        for (int i = 0; i < n; i++) {
            double s = score.applyAsDouble(i);
            if (s <= 0 || !top.wouldAccept(s) || !eligibility.test(i)) continue;
            top.offer(i, s);
        }
        int[] idx = top.indexesByScore();
        double[] sc = top.scoresByScore();
        for (int t = 0; t < idx.length; t++) out.put(idx[t], (float) sc[t]);
        return out;
    }

    static ScoreBoard popular(RankContext ctx, Eligibility eligibility, int pool) {
        return best(ctx, ctx.rankings()::walkPopular, ctx.matrix()::popularity, eligibility, pool, ctx.scratch().board());
    }
}
