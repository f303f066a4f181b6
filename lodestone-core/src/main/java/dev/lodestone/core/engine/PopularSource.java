package dev.lodestone.core.engine;

import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/** All-time popularity (the kept popular order). */
final class PopularSource implements CandidateSource {
    @Override
    public String reason() {
        return Ranker.POPULAR;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        return KeptOrders.popular(ctx, request.eligibility(), request.pool());
    }
}
