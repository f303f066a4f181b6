package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.learned.EaseModel;
import dev.lodestone.core.engine.learned.LearnedState;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/**
 * The tenant's learned EASE model, folded in from the user's live history: score(j) = Σ over the user's liked
 * modelled items i of B_ij. A new interaction counts on the next request; items the model does not know (newer or
 * less popular) get nothing here and are reached by the other sources.
 */
final class LearnedSource implements CandidateSource {
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
            return positive(model, acc, scores);
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
        return any ? positive(model, acc, scores) : scores;
    }

    private static ScoreBoard positive(EaseModel model, float[] acc, ScoreBoard scores) {
        int[] columnItems = model.items();
        for (int j = 0; j < acc.length && j < columnItems.length; j++) {
            if (acc[j] > 0 && columnItems[j] >= 0) scores.put(columnItems[j], acc[j]);
        }
        return scores;
    }
}
