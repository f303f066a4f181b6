package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.learned.EaseModel;
import dev.lodestone.core.engine.learned.LearnedState;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.util.List;

/**
 * The tenant's learned EASE model, folded in from the user's live history: score(j) = Σ over the user's liked
 * modelled items i of B_ij. A new interaction counts on the next request; items the model does not know (newer or
 * less popular) get nothing here and are reached by the other sources.
 */
final class LearnedSource implements CandidateSource {
    /**
     * The most candidates the model offers (its best eligible ones; at least twice the blend's pool). An EASE row sum
     * is positive for about half of the modelled items; passing them all on made every later source (content scores
     * each candidate) and the blend pay for ~1,200 candidates per request at 100k entities, five times the cost of
     * the rest of a hybrid list, for items that rank far below any list's end.
     */
    static final int CANDIDATES = 200;

    @Override
    public String reason() {
        return Ranker.COLLABORATIVE;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        LearnedState learned = ctx.learned();
        if (learned == null) return scores;
        EaseModel model = learned.model();
        float[] acc = ctx.scratch().learned(model.size());
        if (request.item() >= 0) { // similar entities: the source item's row of B
            int column = learned.columnOf(request.item());
            if (column < 0) return scores;
            model.addRow(column, 1f, acc);
            return best(ctx, request, model, acc, scores);
        }
        int user = request.user();
        if (user < 0) return scores;
        InteractionMatrix matrix = ctx.matrix();
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        boolean any = false;
        for (int k = n - 1; k >= Math.max(0, n - RankContext.MAX_HISTORY); k--) {
            if (prefs[k] <= 0) continue;
            int column = learned.columnOf(items[k]);
            if (column < 0) continue;
            model.addRow(column, 1f, acc); // binary rows, as trained
            any = true;
        }
        return any ? best(ctx, request, model, acc, scores) : scores;
    }

    /** The best positively scored, eligible items of the accumulated row (see {@link #CANDIDATES}). */
    private static ScoreBoard best(RankContext ctx, RankRequest request, EaseModel model, float[] acc, ScoreBoard scores) {
        int[] columnItems = model.items();
        TopK top = new TopK(Math.max(CANDIDATES, 2 * request.pool()), ctx.catalog()::compareKeys);
        for (int j = 0; j < acc.length && j < columnItems.length; j++) {
            float s = acc[j];
            int item = columnItems[j];
            // only what could enter pays for the eligibility check (filters can be costly)
            if (s > 0 && item >= 0 && top.wouldAccept(s) && request.eligibility().test(item)) top.offer(item, s);
        }
        int[] items = top.indexesByScore();
        double[] values = top.scoresByScore();
        for (int k = 0; k < items.length; k++) scores.put(items[k], (float) values[k]);
        return scores;
    }
}
