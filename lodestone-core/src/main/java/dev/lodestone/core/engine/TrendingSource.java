package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/** Decayed recent activity over the request's window (the kept trending order). */
final class TrendingSource implements CandidateSource {
    @Override
    public String reason() {
        return Ranker.TRENDING;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        int nowHour = InteractionMatrix.hourOf(ctx.now().getEpochSecond());
        double windowHours = Math.max(1, request.windowDays() * 24);
        ListRankings rankings = ctx.rankings();
        return KeptOrders.best(ctx, v -> rankings.walkTrending(windowHours, nowHour, v),
                i -> rankings.trendingScore(i, nowHour, windowHours), request.eligibility(), request.pool(),
                ctx.scratch().board());
    }
}
