package dev.lodestone.core.engine;

import dev.lodestone.core.engine.CandidateSource.Scored;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes one request's list from the tenant's model, under the model's read lock, as a pipeline: the
 * {@link Pipelines sources} of the algorithm score candidates, the {@link Blender} normalises, weighs and explains,
 * the {@link Diversifier} optionally re-ranks, {@link Fill} tops up short lists, and the page is cut.
 *
 * <p>No personalised or similar list scans the catalogue: collaborative sources walk neighbour rows and co-users;
 * content scores only candidates; trending, popular and latest walk the orders kept by {@link ListRankings}. Only
 * {@link Algorithm#CONTENT_BASED} user lists scan all content vectors (exactly). Scores accumulate in the request's
 * pooled score boards.
 */
final class Ranker {
    static final String COLLABORATIVE = "collaborative";
    static final String CONTENT = "content_based";
    static final String POPULAR = "popular";
    static final String TRENDING = "trending";
    static final String LATEST = "latest";
    static final int MIN_POOL = 50;

    private final RankContext ctx;

    Ranker(RankContext ctx) {
        this.ctx = ctx;
    }

    RecommendationList recommend(UserQuery q, BlendWeights weights, double windowDays) {
        var matrix = ctx.matrix();
        int user = matrix.userIndex(q.userId());
        int liked = user < 0 ? 0 : matrix.userPositiveItems(user);
        boolean anyHistory = user >= 0 && matrix.userSize(user) > 0;
        Eligibility eligibility = new Eligibility(ctx.catalog(), ctx.now(), q.entityType(), q.filter(), q.exclude(),
                ctx.scratch().board());
        if (user >= 0) {
            int n = matrix.userSize(user);
            int[] items = matrix.userItems(user);
            float[] w = matrix.userWeights(user);
            for (int k = 0; k < n; k++) {
                if (q.excludeSeen() || w[k] <= 0) eligibility.exclude(items[k]);
            }
        }
        Algorithm algorithm = q.algorithm() == null ? Algorithm.HYBRID : q.algorithm();
        var request = new RankRequest(user, -1, eligibility, pool(q.offset() + q.count()), windowDays);
        List<Scored> scored = run(Pipelines.forUser(algorithm, weights, liked, anyHistory, ctx.learned()), request);
        List<Recommendation> items = assemble(scored, eligibility, q.offset(), q.count(), q.diversity());
        return new RecommendationList(items, algorithm, liked < Pipelines.COLD_START_ITEMS);
    }

    RecommendationList similar(int source, SimilarQuery q, BlendWeights weights) {
        Eligibility eligibility = new Eligibility(ctx.catalog(), ctx.now(), q.entityType(), q.filter(), q.exclude(),
                ctx.scratch().board());
        eligibility.exclude(source);
        Algorithm algorithm = q.algorithm() == null ? Algorithm.HYBRID : q.algorithm();
        var request = new RankRequest(-1, source, eligibility, pool(q.offset() + q.count()), 0);
        List<Scored> scored = run(Pipelines.forItem(algorithm, weights, ctx.content().has(source)), request);
        boolean coldStart = ctx.matrix().itemSize(source) == 0;
        return new RecommendationList(assemble(scored, eligibility, q.offset(), q.count(), q.diversity()), algorithm,
                coldStart);
    }

    List<Recommendation> complements(ComplementQuery q) {
        return ComplementRanking.rank(ctx, q);
    }

    List<Recommendation> trending(ListQuery q) {
        return list(Pipelines.TRENDING, q, q.windowDays());
    }

    List<Recommendation> popular(ListQuery q) {
        return list(Pipelines.POPULAR, q, 0);
    }

    List<Recommendation> latest(ListQuery q) {
        Eligibility eligibility = new Eligibility(ctx.catalog(), ctx.now(), q.entityType(), q.filter(), null,
                ctx.scratch().board());
        List<Recommendation> out = new ArrayList<>();
        Fill.latest(ctx, out, eligibility, q.offset() + q.count(), false);
        return page(out, q.offset(), q.count());
    }

    private List<Recommendation> list(CandidateSource source, ListQuery q, double windowDays) {
        Eligibility eligibility = new Eligibility(ctx.catalog(), ctx.now(), q.entityType(), q.filter(), null,
                ctx.scratch().board());
        var request = new RankRequest(-1, -1, eligibility, q.offset() + q.count(), windowDays);
        return assemble(run(List.of(new Pipelines.Step(source, 1)), request), eligibility, q.offset(), q.count(), 0);
    }

    private static int pool(int need) {
        return Math.max(MIN_POOL, need * 3);
    }

    private List<Scored> run(List<Pipelines.Step> steps, RankRequest request) {
        List<Scored> scored = new ArrayList<>(steps.size());
        for (Pipelines.Step step : steps) {
            CandidateSource source = step.source();
            scored.add(new Scored(source.reason(), step.weight(), source.scores(ctx, request, scored)));
        }
        return scored;
    }

    private List<Recommendation> assemble(List<Scored> sources, Eligibility eligibility, int offset, int count,
                                          double diversity) {
        int need = offset + count;
        int poolSize = diversity > 0 ? Math.max(need * 3, need + 20) : need;
        Blender.Blend blend = Blender.blend(ctx, sources, eligibility, poolSize);
        if (diversity > 0) blend = Diversifier.rerank(ctx.content(), blend, need, diversity);
        List<Recommendation> out = new ArrayList<>(need);
        int[] ranked = blend.ranked();
        for (int t = 0; t < ranked.length && out.size() < need; t++) {
            out.add(Fill.recommendation(ctx, ranked[t], blend.scores()[t], blend.reasons()[t]));
            eligibility.choose(ranked[t]);
        }
        Fill.fill(ctx, out, eligibility, need);
        return page(out, offset, count);
    }

    private static List<Recommendation> page(List<Recommendation> all, int offset, int count) {
        if (offset >= all.size()) return List.of();
        return List.copyOf(all.subList(offset, Math.min(all.size(), offset + count)));
    }
}
