package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.rank.KthLargest;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/**
 * Content similarity of candidates only (no catalogue scan): what the earlier sources found, the content neighbours
 * of the seed (the source entity, or the user's latest liked items), and the newest entities (which no other source
 * knows, so entities without interactions stay reachable). The profile is the source entity's vector, or the
 * decayed, weighted mean of the user's items' vectors.
 */
final class ContentSource implements CandidateSource {
    /**
     * Most recent liked items whose content neighbours are candidates of a personalised list (the rest of the profile
     * still scores every candidate). Datagen Recall@10 with 1, 3: 0.2426, 0.2426 (0: 0.2418); each row costs a
     * posting search on first use.
     */
    static final int CONTENT_SEED_ITEMS = 1;
    /** Candidates of each earlier source that content scores: its best (see candidatesOf). */
    static final int CANDIDATES_PER_SOURCE = 100;
    /** Newest entities offered to content scoring, so entities without interactions stay reachable. */
    static final int NEWEST_POOL = 50;

    @Override
    public String reason() {
        return Ranker.CONTENT;
    }

    @Override
    public ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier) {
        ScoreBoard scores = ctx.scratch().board();
        ContentIndex content = ctx.content();
        ContentIndex.Profile profile = request.item() >= 0 ? itemProfile(content, request.item())
                : userProfile(ctx, request.user());
        if (profile == null) return scores;
        ScoreBoard candidates = candidatesOf(ctx, earlier);
        if (request.item() >= 0) {
            addContentNeighbours(ctx, candidates, request.item());
        } else {
            InteractionMatrix matrix = ctx.matrix();
            int user = request.user();
            int n = matrix.userSize(user);
            int[] items = matrix.userItems(user);
            float[] weights = matrix.userWeights(user);
            for (int k = n - 1, seeds = 0; k >= 0 && seeds < CONTENT_SEED_ITEMS; k--) {
                if (weights[k] <= 0) continue;
                seeds++;
                addContentNeighbours(ctx, candidates, items[k]);
            }
        }
        addNewest(ctx, candidates, request.eligibility());
        for (int t = 0; t < candidates.size(); t++) {
            int c = candidates.index(t);
            if (!content.has(c) || !request.eligibility().test(c)) continue;
            float s = content.score(profile, c); // reads only the candidate's non-zeros
            if (s > 0) scores.put(c, s);
        }
        return scores;
    }

    private static ContentIndex.Profile itemProfile(ContentIndex content, int item) {
        if (!content.has(item)) return null;
        ContentIndex.Profile profile = content.newProfile();
        profile.add(item, 1f);
        return profile.finish() ? profile : null;
    }

    /** Decayed, weighted mean of the vectors of the user's items (negative weights subtract); null without any. */
    static ContentIndex.Profile userProfile(RankContext ctx, int user) {
        if (user < 0) return null;
        InteractionMatrix matrix = ctx.matrix();
        ContentIndex.Profile profile = ctx.content().newProfile();
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        int[] minutes = matrix.userMinutes(user);
        for (int k = n - 1; k >= Math.max(0, n - RankContext.MAX_HISTORY); k--) {
            profile.add(items[k], prefs[k] * ctx.decay(minutes[k]));
        }
        return profile.finish() ? profile : null;
    }

    private static void addContentNeighbours(RankContext ctx, ScoreBoard candidates, int item) {
        for (int c : ctx.contentNeighbours().row(ctx.content(), item, ctx.catalog()::compareKeys)) candidates.put(c, 0);
    }

    /**
     * A board holding (with score 0) the best {@link #CANDIDATES_PER_SOURCE} of each earlier source. Content scoring
     * costs a pass over the candidate's terms; the long tails of user-kNN and item-kNN (a thousand candidates at 100k
     * entities) made it the largest part of a hybrid list, for candidates that content's share cannot lift into it.
     */
    private static ScoreBoard candidatesOf(RankContext ctx, List<Scored> sources) {
        ScoreBoard candidates = ctx.scratch().board();
        for (Scored s : sources) {
            ScoreBoard b = s.scores();
            int n = b.size();
            float threshold = Float.NEGATIVE_INFINITY;
            if (n > CANDIDATES_PER_SOURCE) {
                float[] values = ctx.scratch().selection(n);
                for (int t = 0; t < n; t++) values[t] = b.value(t);
                threshold = KthLargest.of(values, n, CANDIDATES_PER_SOURCE);
            }
            for (int t = 0; t < n; t++) if (b.value(t) >= threshold) candidates.put(b.index(t), 0);
        }
        return candidates;
    }

    private static void addNewest(RankContext ctx, ScoreBoard candidates, Eligibility eligibility) {
        int[] taken = {0};
        ctx.rankings().walkLatest((i, score) -> {
            if (eligibility.test(i)) {
                candidates.put(i, 0);
                taken[0]++;
            }
            return taken[0] < NEWEST_POOL;
        });
    }
}
