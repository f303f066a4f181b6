package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.learned.EaseModel;
import dev.lodestone.core.engine.learned.LearnedState;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.KthLargest;

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

    /**
     * The positively scored, eligible items of the accumulated row at or above its {@link #CANDIDATES}-th best score
     * (a selection, not a heap: most of the ~1,200 positive scores would have entered a heap of 200). Items at the
     * threshold are kept in column order up to the cap; ineligible ones (the user's own) leave the list a little
     * shorter.
     */
    private static ScoreBoard best(RankContext ctx, RankRequest request, EaseModel model, float[] acc, ScoreBoard scores) {
        int[] columnItems = model.items();
        int columns = Math.min(acc.length, columnItems.length);
        int cap = Math.max(CANDIDATES, 2 * request.pool());
        float[] positive = ctx.scratch().selection(columns);
        int n = 0;
        for (int j = 0; j < columns; j++) if (acc[j] > 0 && columnItems[j] >= 0) positive[n++] = acc[j];
        float threshold = n <= cap ? Float.MIN_VALUE : KthLargest.of(positive, n, cap);
        int kept = 0;
        for (int j = 0; j < columns; j++) { // fewer than cap are above the threshold
            int item = columnItems[j];
            if (acc[j] > threshold && item >= 0 && request.eligibility().test(item)) {
                scores.put(item, acc[j]);
                kept++;
            }
        }
        for (int j = 0; j < columns && kept < cap; j++) {
            int item = columnItems[j];
            if (acc[j] == threshold && item >= 0 && request.eligibility().test(item)) {
                scores.put(item, acc[j]);
                kept++;
            }
        }
        return scores;
    }
}
