package dev.lodestone.core.engine;

import dev.lodestone.core.engine.basket.BasketCounts;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/**
 * "Bought together" with the request's item: every item that shared a basket with it, scored by
 * {@link BasketCounts#score} (popularity-corrected, shrunk); only positive associations.
 */
final class BoughtTogetherSource implements CandidateSource {
    static final String REASON = "bought_together";

    @Override
    public String reason() {
        return REASON;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        int item = request.item();
        if (item < 0) return scores;
        BasketCounts baskets = ctx.baskets();
        baskets.forEachPartner(item, (partner, together) -> {
            double s = baskets.score(item, partner, together);
            if (s > 0) scores.put(partner, (float) s);
        });
        return scores;
    }
}
