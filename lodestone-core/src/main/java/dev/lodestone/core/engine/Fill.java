package dev.lodestone.core.engine;

import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;
import dev.lodestone.core.model.Entity;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.List;

/**
 * The fill and fallback stage: tops a short list up with popular entities, then the newest ones (which covers every
 * servable entity), so a list is as long as asked whenever enough entities are eligible.
 */
final class Fill {
    private Fill() {
    }

    /** Fills up to {@code need}; fills carry score 0 so the list stays in descending order. */
    static void fill(RankContext ctx, List<Recommendation> out, Eligibility eligibility, int need) {
        if (out.size() >= need) return;
        ScoreBoard popular = KeptOrders.popular(ctx, eligibility, need - out.size());
        TopK order = new TopK(popular.size(), ctx.catalog()::compareKeys);
        for (int t = 0; t < popular.size(); t++) order.offer(popular.index(t), popular.value(t));
        for (int c : order.indexesByScore()) {
            out.add(recommendation(ctx, c, 0, Ranker.POPULAR));
            eligibility.choose(c);
        }
        if (out.size() < need) latest(ctx, out, eligibility, need, true);
    }

    /** Newest servable entities up to {@code need}: a fill (score 0) or the latest list itself (score 1/rank). */
    static void latest(RankContext ctx, List<Recommendation> out, Eligibility eligibility, int need, boolean asFill) {
        int missing = need - out.size();
        if (missing <= 0) return;
        IntArrayList walked = new IntArrayList(missing);
        boolean complete = ctx.rankings().walkLatest((i, score) -> {
            if (eligibility.test(i)) walked.add(i);
            return walked.size() < missing;
        });
        IntArrayList found = walked;
        if (!complete) {
            TopK newest = new TopK(missing, ctx.catalog()::compareKeys);
            int n = ctx.catalog().size();
            for (int i = 0; i < n; i++) {
                Entity e = ctx.catalog().entity(i);
                if (e == null) continue;
                double created = e.createdAt() == null ? 0 : e.createdAt().toEpochMilli();
                if (!newest.wouldAccept(created) || !eligibility.test(i)) continue;
                newest.offer(i, created);
            }
            found = IntArrayList.wrap(newest.indexesByScore());
        }
        for (int c : found) {
            out.add(recommendation(ctx, c, asFill ? 0 : 1.0 / (out.size() + 1), Ranker.LATEST));
            eligibility.choose(c);
        }
    }

    static Recommendation recommendation(RankContext ctx, int index, double score, String reason) {
        var key = ctx.catalog().key(index);
        return new Recommendation(key.type(), key.id(), score, reason);
    }
}
