package dev.lodestone.core.engine;

import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.util.List;

/**
 * Exact content ranking of a user list ({@link Algorithm#CONTENT_BASED}): scans all content vectors for the
 * {@code pool} best eligible, positively scored entities.
 */
final class ContentScanSource implements CandidateSource {
    @Override
    public String reason() {
        return Ranker.CONTENT;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        ContentIndex.Profile profile = ContentSource.userProfile(ctx, request.user());
        if (profile == null) return scores;
        ContentIndex content = ctx.content();
        TopK top = new TopK(request.pool(), ctx.catalog()::compareKeys);
        int n = ctx.catalog().size();
        for (int i = 0; i < n; i++) {
            if (!content.has(i)) continue;
            float s = content.score(profile, i);
            if (s <= 0 || !top.wouldAccept(s) || !request.eligibility().test(i)) continue;
            top.offer(i, s);
        }
        int[] idx = top.indexesByScore();
        double[] sc = top.scoresByScore();
        for (int t = 0; t < idx.length; t++) scores.put(idx[t], (float) sc[t]);
        return scores;
    }
}
