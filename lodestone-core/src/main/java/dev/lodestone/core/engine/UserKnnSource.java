package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.util.List;

/**
 * User-kNN: the user's nearest users by cosine over co-interactions (with shrinkage); score(j) = Σ over those users
 * of similarity × their signed preference for j.
 */
final class UserKnnSource implements CandidateSource {
    static final int USER_NEIGHBOURS = 50;
    /** Most recent co-users read per history item (200 vs 500 changed datagen Recall@10 by < 0.001). */
    static final int MAX_USERS_PER_HISTORY_ITEM = 200;
    static final double USER_SHRINK = 2.0;

    @Override
    public String reason() {
        return Ranker.COLLABORATIVE;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        int user = request.user();
        if (user < 0) return scores;
        InteractionMatrix matrix = ctx.matrix();
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        ScoreBoard overlap = ctx.scratch().board();
        for (int k = n - 1; k >= Math.max(0, n - RankContext.MAX_HISTORY); k--) {
            float pu = prefs[k];
            if (pu <= 0) continue;
            int item = items[k];
            int m = matrix.itemSize(item);
            int[] users = matrix.itemUsers(item);
            float[] ps = matrix.itemPreferences(item);
            for (int t = m - 1; t >= Math.max(0, m - MAX_USERS_PER_HISTORY_ITEM); t--) {
                int v = users[t];
                float pv = ps[t];
                if (pv > 0 && v != user) overlap.add(v, pu * pv);
            }
        }
        if (overlap.isEmpty()) return scores;
        double normU = matrix.userNorm(user);
        TopK nearest = new TopK(USER_NEIGHBOURS);
        for (int t = 0; t < overlap.size(); t++) {
            int v = overlap.index(t);
            nearest.offer(v, overlap.value(t) / (normU * matrix.userNorm(v) + USER_SHRINK));
        }
        int[] vs = nearest.indexesByScore();
        double[] sims = nearest.scoresByScore();
        for (int t = 0; t < vs.length; t++) {
            int v = vs[t];
            int m = matrix.userSize(v);
            int[] its = matrix.userItems(v);
            float[] ps = matrix.userPreferences(v);
            float sim = (float) sims[t];
            for (int k = m - 1; k >= Math.max(0, m - RankContext.MAX_HISTORY); k--) scores.add(its[k], sim * ps[k]);
        }
        return scores;
    }
}
