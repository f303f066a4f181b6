package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/**
 * Item-kNN. For a user: score(j) = Σ over the user's recent items i of decayed signed preference(u,i) × sim(i,j).
 * For a similar-entities list: the source item's neighbour row.
 */
final class ItemKnnSource implements CandidateSource {
    @Override
    public String reason() {
        return Ranker.COLLABORATIVE;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        if (request.item() >= 0) {
            ItemNeighbours.Row row = ctx.neighbours().row(ctx.matrix(), request.item(), ctx.scratch().rows);
            for (int t = 0; t < row.size(); t++) scores.put(row.items()[t], row.similarities()[t]);
            return scores;
        }
        int user = request.user();
        if (user < 0) return scores;
        InteractionMatrix matrix = ctx.matrix();
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        int[] minutes = matrix.userMinutes(user);
        for (int k = n - 1; k >= Math.max(0, n - RankContext.MAX_HISTORY); k--) {
            float s = prefs[k] * ctx.decay(minutes[k]);
            if (s == 0) continue;
            ItemNeighbours.Row row = ctx.neighbours().row(matrix, items[k], ctx.scratch().rows);
            int[] js = row.items();
            float[] sims = row.similarities();
            for (int t = 0; t < js.length; t++) scores.add(js[t], s * sims[t]);
        }
        return scores;
    }
}
