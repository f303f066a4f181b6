package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.engine.rank.LiveRanking;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;
import dev.lodestone.core.model.Entity;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Computes one request's list from the tenant's model. Created per request and used under the model's read lock.
 *
 * <p>Each source (item-kNN, user-kNN, content, trending, popular) yields sparse candidate scores; each is divided by
 * its largest score, weighted, and summed; the reason of an item is the source with the largest weighted share.
 * The list is then optionally diversity re-ranked, filled with popular and then newest entities, and paginated.
 *
 * <p>No personalised or similar list scans the catalogue: collaborative sources walk neighbour rows and co-users;
 * content scores only candidates (what the other sources found, content neighbour rows of the user's latest liked
 * items or of the source, and the newest entities, so entities without interactions stay reachable); trending,
 * popular and latest walk the orders kept by {@link ListRankings}. Only {@link Algorithm#CONTENT_BASED} user lists
 * scan all content vectors (exactly). Scores accumulate in the request's pooled {@link ScoreBoard}s.
 */
final class Ranker {
    static final String COLLABORATIVE = "collaborative";
    static final String CONTENT = "content_based";
    static final String POPULAR = "popular";
    static final String TRENDING = "trending";
    static final String LATEST = "latest";

    /** Users with fewer liked items than this are in cold start. */
    static final int COLD_START_ITEMS = 3;
    /** Share of trending/popular in a cold-start user's blend (when they have some history). */
    static final double COLD_START_POPULARITY_SHARE = 0.2;
    /**
     * Liked items at which content has faded out of a blended hybrid list (its weight × max(0, 1 − liked / this)):
     * content carries users with little history, collaborative evidence takes over as it grows. Tuned on datagen data
     * (3 seeds) and the latent-group test, where any fixed content share made hybrid worse than item-kNN alone.
     */
    static final double CONTENT_FADE_ITEMS = 8;
    static final int MAX_HISTORY = 200;
    static final double HISTORY_HALF_LIFE_DAYS = 90;
    static final int USER_NEIGHBOURS = 50;
    /** Most recent co-users read per history item (200 vs 500 changed datagen Recall@10 by < 0.001). */
    static final int MAX_USERS_PER_HISTORY_ITEM = 200;
    static final double USER_SHRINK = 2.0;
    static final int MIN_POOL = 50;
    /** Newest entities offered to content scoring, so entities without interactions stay reachable. */
    static final int NEWEST_POOL = 50;
    /**
     * Most recent liked items whose content neighbours are candidates of a personalised list (the rest of the profile
     * still scores every candidate). Datagen Recall@10 with 1, 3: 0.2426, 0.2426 (0: 0.2418); each row costs a
     * posting search on first use.
     */
    static final int CONTENT_SEED_ITEMS = 1;

    private final EntityCatalog catalog;
    private final InteractionMatrix matrix;
    private final ItemNeighbours neighbours;
    private final ContentIndex content;
    private final ContentNeighbours contentNeighbours;
    private final ListRankings rankings;
    private final Instant now;
    private final RequestScratch scratch;

    Ranker(EntityCatalog catalog, InteractionMatrix matrix, ItemNeighbours neighbours, ContentIndex content,
           ContentNeighbours contentNeighbours, ListRankings rankings, Instant now, RequestScratch scratch) {
        this.catalog = catalog;
        this.matrix = matrix;
        this.neighbours = neighbours;
        this.content = content;
        this.contentNeighbours = contentNeighbours;
        this.rankings = rankings;
        this.now = now;
        this.scratch = scratch;
    }

    Instant now() {
        return now;
    }

    RequestScratch scratch() {
        return scratch;
    }

    record Source(String reason, double weight, ScoreBoard scores) {
    }

    // ---------------------------------------------------------------- personalised

    RecommendationList recommend(UserQuery q, double collaborativeWeight, double contentWeight, double windowDays) {
        int user = matrix.userIndex(q.userId());
        int liked = user < 0 ? 0 : matrix.userPositiveItems(user);
        boolean coldStart = liked < COLD_START_ITEMS;
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), q.exclude(), scratch.board());
        if (user >= 0) {
            int n = matrix.userSize(user);
            int[] items = matrix.userItems(user);
            float[] weights = matrix.userWeights(user);
            for (int k = 0; k < n; k++) {
                if (q.excludeSeen() || weights[k] <= 0) eligibility.exclude(items[k]);
            }
        }
        int need = q.offset() + q.count();
        int pool = Math.max(MIN_POOL, need * 3);
        Algorithm algorithm = q.algorithm() == null ? Algorithm.HYBRID : q.algorithm();
        List<Source> sources = new ArrayList<>();
        switch (algorithm) {
            case POPULAR -> sources.add(popularSource(1, eligibility, pool));
            case TRENDING -> sources.add(trendingSource(1, eligibility, pool, windowDays));
            case ITEM_KNN -> sources.add(new Source(COLLABORATIVE, 1, itemKnn(user)));
            case USER_KNN -> sources.add(new Source(COLLABORATIVE, 1, userKnn(user)));
            case CONTENT_BASED -> sources.add(new Source(CONTENT, 1, contentScores(userProfile(user), eligibility, pool)));
            case COLLABORATIVE -> addCollaborative(sources, user, 1);
            case HYBRID -> {
                double personal = 1;
                if (coldStart) {
                    double share = liked == 0 && (user < 0 || matrix.userSize(user) == 0) ? 1 : COLD_START_POPULARITY_SHARE;
                    personal = 1 - share;
                    sources.add(trendingSource(share / 2, eligibility, pool, windowDays));
                    sources.add(popularSource(share / 2, eligibility, pool));
                }
                if (personal > 0) {
                    if (collaborativeWeight > 0) addCollaborative(sources, user, personal * collaborativeWeight);
                    // content carries users with thin collaborative evidence and fades out as liked items add up
                    double taper = collaborativeWeight > 0 ? Math.max(0, 1 - liked / CONTENT_FADE_ITEMS) : 1;
                    if (contentWeight * taper > 0) {
                        sources.add(new Source(CONTENT, personal * contentWeight * taper,
                                contentOfCandidates(user, sources, eligibility)));
                    }
                }
            }
        }
        List<Recommendation> items = assemble(sources, eligibility, q.offset(), q.count(), q.diversity());
        return new RecommendationList(items, algorithm, coldStart);
    }

    private void addCollaborative(List<Source> sources, int user, double weight) {
        // item-kNN and user-kNN each normalised, half the collaborative weight each
        sources.add(new Source(COLLABORATIVE, weight / 2, itemKnn(user)));
        sources.add(new Source(COLLABORATIVE, weight / 2, userKnn(user)));
    }

    /** score(j) = Σ over the user's recent items i of decayed signed preference(u,i) × sim(i,j). */
    ScoreBoard itemKnn(int user) {
        ScoreBoard scores = scratch.board();
        if (user < 0) return scores;
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        int[] minutes = matrix.userMinutes(user);
        for (int k = n - 1; k >= Math.max(0, n - MAX_HISTORY); k--) {
            float s = prefs[k] * decay(minutes[k]);
            if (s == 0) continue;
            ItemNeighbours.Row row = neighbours.row(matrix, items[k], scratch.rows);
            int[] js = row.items();
            float[] sims = row.similarities();
            for (int t = 0; t < js.length; t++) scores.add(js[t], s * sims[t]);
        }
        return scores;
    }

    /**
     * The user's nearest users by cosine over co-interactions (with shrinkage); score(j) = Σ over those users of
     * similarity × their signed preference for j.
     */
    ScoreBoard userKnn(int user) {
        ScoreBoard scores = scratch.board();
        if (user < 0) return scores;
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        ScoreBoard overlap = scratch.board();
        for (int k = n - 1; k >= Math.max(0, n - MAX_HISTORY); k--) {
            float pu = prefs[k];
            if (pu <= 0) continue;
            int item = items[k];
            int m = matrix.itemSize(item);
            int[] users = matrix.itemUsers(item);
            float[] ps = matrix.itemPreferences(item);
            for (int t = m - 1; t >= Math.max(0, m - MAX_USERS_PER_HISTORY_ITEM); t--) {
                int v = users[t];
                float pv = ps[t];
                if (pv > 0 && v != user) overlap.add(v, pu * pv);
            }
        }
        if (overlap.isEmpty()) return scores;
        double normU = matrix.userNorm(user);
        TopK nearest = new TopK(USER_NEIGHBOURS);
        for (int t = 0; t < overlap.size(); t++) {
            int v = overlap.index(t);
            nearest.offer(v, overlap.value(t) / (normU * matrix.userNorm(v) + USER_SHRINK));
        }
        int[] vs = nearest.indexesByScore();
        double[] sims = nearest.scoresByScore();
        for (int t = 0; t < vs.length; t++) {
            int v = vs[t];
            int m = matrix.userSize(v);
            int[] its = matrix.userItems(v);
            float[] ps = matrix.userPreferences(v);
            float sim = (float) sims[t];
            for (int k = m - 1; k >= Math.max(0, m - MAX_HISTORY); k--) scores.add(its[k], sim * ps[k]);
        }
        return scores;
    }

    /** Decayed, weighted mean of the vectors of the user's items (negative weights subtract); null without any. */
    ContentIndex.Profile userProfile(int user) {
        if (user < 0) return null;
        ContentIndex.Profile profile = content.newProfile();
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] prefs = matrix.userPreferences(user);
        int[] minutes = matrix.userMinutes(user);
        for (int k = n - 1; k >= Math.max(0, n - MAX_HISTORY); k--) {
            profile.add(items[k], prefs[k] * decay(minutes[k]));
        }
        return profile.finish() ? profile : null;
    }

    private float decay(int minute) {
        double ageDays = (now.getEpochSecond() / 60.0 - minute) / 1440.0;
        if (ageDays <= 0) return 1f;
        return (float) Math.pow(0.5, ageDays / HISTORY_HALF_LIFE_DAYS);
    }

    /**
     * Content scores of a personalised list's candidates only (no catalogue scan): what the other sources found, the
     * content neighbours of the user's latest liked items, and the newest entities (which no other source knows).
     */
    ScoreBoard contentOfCandidates(int user, List<Source> others, Eligibility eligibility) {
        ScoreBoard scores = scratch.board();
        ContentIndex.Profile profile = userProfile(user);
        if (profile == null) return scores;
        ScoreBoard candidates = candidatesOf(others);
        int n = matrix.userSize(user);
        int[] items = matrix.userItems(user);
        float[] weights = matrix.userWeights(user);
        for (int k = n - 1, seeds = 0; k >= 0 && seeds < CONTENT_SEED_ITEMS; k--) {
            if (weights[k] <= 0) continue;
            seeds++;
            for (int c : contentNeighbours.row(content, items[k], catalog::compareKeys)) candidates.put(c, 0);
        }
        addNewest(candidates, eligibility);
        for (int t = 0; t < candidates.size(); t++) {
            int c = candidates.index(t);
            if (!content.has(c) || !eligibility.test(c)) continue;
            float s = content.score(profile, c);
            if (s > 0) scores.put(c, s);
        }
        return scores;
    }

    /** A board holding (with score 0) every index the sources scored. */
    private ScoreBoard candidatesOf(List<Source> sources) {
        ScoreBoard candidates = scratch.board();
        for (Source s : sources) {
            ScoreBoard b = s.scores();
            for (int t = 0; t < b.size(); t++) candidates.put(b.index(t), 0);
        }
        return candidates;
    }

    private void addNewest(ScoreBoard candidates, Eligibility eligibility) {
        int[] taken = {0};
        rankings.walkLatest((i, score) -> {
            if (eligibility.test(i)) {
                candidates.put(i, 0);
                taken[0]++;
            }
            return taken[0] < NEWEST_POOL;
        });
    }

    /** Exact scan of all content vectors: the {@code pool} best eligible, positively scored entities. */
    ScoreBoard contentScores(ContentIndex.Profile profile, Eligibility eligibility, int pool) {
        ScoreBoard scores = scratch.board();
        if (profile == null) return scores;
        TopK top = new TopK(pool, catalog::compareKeys);
        int n = catalog.size();
        for (int i = 0; i < n; i++) {
            if (!content.has(i)) continue;
            float s = content.score(profile, i);
            if (s <= 0 || !top.wouldAccept(s) || !eligibility.test(i)) continue;
            top.offer(i, s);
        }
        int[] idx = top.indexesByScore();
        double[] sc = top.scoresByScore();
        for (int t = 0; t < idx.length; t++) scores.put(idx[t], (float) sc[t]);
        return scores;
    }

    Source popularSource(double weight, Eligibility eligibility, int pool) {
        return new Source(POPULAR, weight, best(rankings::walkPopular, matrix::popularity, eligibility, pool));
    }

    Source trendingSource(double weight, Eligibility eligibility, int pool, double windowDays) {
        int nowHour = InteractionMatrix.hourOf(now.getEpochSecond());
        double windowHours = Math.max(1, windowDays * 24);
        return new Source(TRENDING, weight, best(v -> rankings.walkTrending(windowHours, nowHour, v),
                i -> rankings.trendingScore(i, nowHour, windowHours), eligibility, pool));
    }

    /** A ranked walk (see {@link LiveRanking#walk}). */
    private interface Walk {
        boolean walk(LiveRanking.Visitor visitor);
    }

    /**
     * The {@code pool} best eligible entries of a kept order; a scan with {@code score} when filters reject so much
     * that the walk runs past the kept part.
     */
    private ScoreBoard best(Walk walk, IntToDoubleFunction score, Eligibility eligibility, int pool) {
        ScoreBoard out = scratch.board();
        if (pool <= 0) return out;
        boolean complete = walk.walk((i, s) -> {
            if (eligibility.test(i)) out.put(i, (float) s);
            return out.size() < pool;
        });
        if (complete) return out;
        out.clear();
        return scan(out, score, eligibility, pool);
    }

    private ScoreBoard scan(ScoreBoard out, IntToDoubleFunction score, Eligibility eligibility, int pool) {
        TopK top = new TopK(pool, catalog::compareKeys);
        int n = Math.min(matrix.itemCount(), catalog.size());
        for (int i = 0; i < n; i++) {
            double s = score.applyAsDouble(i);
            if (s <= 0 || !top.wouldAccept(s) || !eligibility.test(i)) continue;
            top.offer(i, s);
        }
        int[] idx = top.indexesByScore();
        double[] sc = top.scoresByScore();
        for (int t = 0; t < idx.length; t++) out.put(idx[t], (float) sc[t]);
        return out;
    }

    // ---------------------------------------------------------------- similar entities

    RecommendationList similar(int source, SimilarQuery q, double collaborativeWeight, double contentWeight) {
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), q.exclude(), scratch.board());
        eligibility.exclude(source);
        int need = q.offset() + q.count();
        int pool = Math.max(MIN_POOL, need * 3);
        Algorithm algorithm = q.algorithm() == null ? Algorithm.HYBRID : q.algorithm();
        List<Source> sources = new ArrayList<>();
        boolean wantCf = algorithm != Algorithm.CONTENT_BASED;
        boolean wantContent = switch (algorithm) {
            case ITEM_KNN, USER_KNN, COLLABORATIVE -> false;
            default -> true;
        };
        boolean blend = wantCf && wantContent;
        if (wantCf && (!blend || collaborativeWeight > 0)) {
            ScoreBoard cf = scratch.board();
            ItemNeighbours.Row row = neighbours.row(matrix, source, scratch.rows);
            for (int t = 0; t < row.size(); t++) cf.put(row.items()[t], row.similarities()[t]);
            sources.add(new Source(COLLABORATIVE, blend ? collaborativeWeight : 1, cf));
        }
        if (wantContent && (!blend || contentWeight > 0) && content.has(source)) {
            sources.add(new Source(CONTENT, blend ? contentWeight : 1, similarContent(source, sources, eligibility)));
        }
        boolean coldStart = matrix.itemSize(source) == 0;
        return new RecommendationList(assemble(sources, eligibility, q.offset(), q.count(), q.diversity()), algorithm,
                coldStart);
    }

    /** Content similarity to the source of its content neighbours, the other sources' finds and the newest entities. */
    private ScoreBoard similarContent(int source, List<Source> others, Eligibility eligibility) {
        ScoreBoard candidates = candidatesOf(others);
        for (int c : contentNeighbours.row(content, source, catalog::compareKeys)) candidates.put(c, 0);
        addNewest(candidates, eligibility);
        ScoreBoard scores = scratch.board();
        ContentIndex.Profile profile = content.newProfile();
        profile.add(source, 1f);
        if (!profile.finish()) return scores;
        for (int t = 0; t < candidates.size(); t++) {
            int c = candidates.index(t);
            if (!content.has(c) || !eligibility.test(c)) continue;
            float s = content.score(profile, c); // the cosine, reading only the candidate's non-zeros
            if (s > 0) scores.put(c, s);
        }
        return scores;
    }

    // ---------------------------------------------------------------- non-personalised lists

    List<Recommendation> trending(ListQuery q) {
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), null, scratch.board());
        int need = q.offset() + q.count();
        return assemble(List.of(trendingSource(1, eligibility, need, q.windowDays())), eligibility, q.offset(),
                q.count(), 0);
    }

    List<Recommendation> popular(ListQuery q) {
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), null, scratch.board());
        int need = q.offset() + q.count();
        return assemble(List.of(popularSource(1, eligibility, need)), eligibility, q.offset(), q.count(), 0);
    }

    List<Recommendation> latest(ListQuery q) {
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), null, scratch.board());
        List<Recommendation> out = new ArrayList<>();
        appendLatest(out, eligibility, q.offset() + q.count(), false);
        return page(out, q.offset(), q.count());
    }

    // ---------------------------------------------------------------- assembly

    private List<Recommendation> assemble(List<Source> sources, Eligibility eligibility, int offset, int count,
                                          double diversity) {
        int need = offset + count;
        int n = sources.size();
        double[] scale = new double[n];
        for (int s = 0; s < n; s++) {
            Source source = sources.get(s);
            double max = source.scores().max();
            scale[s] = max > 0 ? source.weight() / max : 0;
        }
        int poolSize = diversity > 0 ? Math.max(need * 3, need + 20) : need;
        TopK top = new TopK(poolSize, catalog::compareKeys);
        // every candidate once: in the first source that has it (the earlier ones lack it)
        for (int s = 0; s < n; s++) {
            ScoreBoard board = sources.get(s).scores();
            for (int t = 0; t < board.size(); t++) {
                int c = board.index(t);
                if (inEarlierSource(sources, s, c)) continue;
                double total = blended(sources, scale, c);
                // only what could enter the list pays for the eligibility check (filters can be costly)
                if (total <= 0 || !top.wouldAccept(total) || !eligibility.test(c)) continue;
                top.offer(c, total);
            }
        }
        int[] ranked = top.indexesByScore();
        double[] scores = top.scoresByScore();
        if (diversity > 0 && ranked.length > 1) {
            double[][] reordered = new double[1][];
            ranked = diversify(ranked, scores, need, diversity, reordered);
            scores = reordered[0];
        }
        List<Recommendation> out = new ArrayList<>(need);
        for (int t = 0; t < ranked.length && out.size() < need; t++) {
            int c = ranked[t];
            out.add(recommendation(c, scores[t], reasonOf(sources, scale, c)));
            eligibility.choose(c);
        }
        if (out.size() < need) appendFill(out, eligibility, need);
        return page(out, offset, count);
    }

    private static boolean inEarlierSource(List<Source> sources, int s, int c) {
        for (int e = 0; e < s; e++) if (sources.get(e).scores().contains(c)) return true;
        return false;
    }

    /** Σ weight × score / max over the sources, rounded so the order does not depend on float summation order. */
    private static double blended(List<Source> sources, double[] scale, int c) {
        double total = 0;
        for (int s = 0; s < scale.length; s++) {
            if (scale[s] != 0) total += scale[s] * sources.get(s).scores().get(c);
        }
        return Math.rint(total * 1e6) / 1e6;
    }

    /** The reason with the largest summed share (item-kNN and user-kNN are both "collaborative"); first on ties. */
    private static String reasonOf(List<Source> sources, double[] scale, int c) {
        String best = sources.getFirst().reason();
        double bestShare = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < scale.length; s++) {
            String reason = sources.get(s).reason();
            boolean seen = false;
            for (int e = 0; e < s; e++) seen |= sources.get(e).reason().equals(reason);
            if (seen) continue;
            double share = 0;
            for (int t = s; t < scale.length; t++) {
                if (sources.get(t).reason().equals(reason)) share += scale[t] * sources.get(t).scores().get(c);
            }
            if (share > bestShare) {
                bestShare = share;
                best = reason;
            }
        }
        return best;
    }

    /**
     * Maximal marginal relevance: repeatedly takes the candidate maximising (1−λ)·relevance − λ·(its largest
     * content similarity to those already taken), relevance being the score divided by the best score.
     */
    private int[] diversify(int[] ranked, double[] scores, int need, double lambda, double[][] scoresOut) {
        int n = ranked.length;
        boolean[] taken = new boolean[n];
        double[] maxSim = new double[n];
        int take = Math.min(need, n);
        int[] order = new int[take];
        double[] orderScores = new double[take];
        double best = scores[0] > 0 ? scores[0] : 1;
        for (int step = 0; step < take; step++) {
            int pick = -1;
            double pickValue = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                if (taken[t]) continue;
                double value = (1 - lambda) * scores[t] / best - lambda * maxSim[t];
                if (value > pickValue) {
                    pickValue = value;
                    pick = t;
                }
            }
            taken[pick] = true;
            order[step] = ranked[pick];
            orderScores[step] = scores[pick];
            for (int t = 0; t < n; t++) {
                if (taken[t] || !content.has(ranked[t]) || !content.has(ranked[pick])) continue;
                maxSim[t] = Math.max(maxSim[t], content.similarity(ranked[t], ranked[pick]));
            }
        }
        // the re-ranked list keeps descending scores for clients that sort: scores follow the new positions
        double[] sorted = orderScores.clone();
        java.util.Arrays.sort(sorted);
        for (int t = 0; t < take; t++) orderScores[t] = sorted[take - 1 - t];
        scoresOut[0] = orderScores;
        return order;
    }

    /** Fills up to {@code need} with popular entities, then the newest ones (which covers every servable entity). */
    void appendFill(List<Recommendation> out, Eligibility eligibility, int need) {
        ScoreBoard popular = best(rankings::walkPopular, matrix::popularity, eligibility, need - out.size());
        TopK order = new TopK(popular.size(), catalog::compareKeys);
        for (int t = 0; t < popular.size(); t++) order.offer(popular.index(t), popular.value(t));
        for (int c : order.indexesByScore()) {
            out.add(recommendation(c, 0, POPULAR));
            eligibility.choose(c);
        }
        if (out.size() < need) appendLatest(out, eligibility, need, true);
    }

    /** Newest servable entities; as a fill their score is 0 so the list stays in descending order. */
    private void appendLatest(List<Recommendation> out, Eligibility eligibility, int need, boolean asFill) {
        int missing = need - out.size();
        if (missing <= 0) return;
        IntArrayList found = new IntArrayList(missing);
        boolean complete = rankings.walkLatest((i, score) -> {
            if (eligibility.test(i)) found.add(i);
            return found.size() < missing;
        });
        if (complete) {
            for (int c : found) {
                out.add(recommendation(c, asFill ? 0 : 1.0 / (out.size() + 1), LATEST));
                eligibility.choose(c);
            }
            return;
        }
        TopK newest = new TopK(missing, catalog::compareKeys);
        int n = catalog.size();
        for (int i = 0; i < n; i++) {
            Entity e = catalog.entity(i);
            if (e == null) continue;
            double created = e.createdAt() == null ? 0 : e.createdAt().toEpochMilli();
            if (!newest.wouldAccept(created) || !eligibility.test(i)) continue;
            newest.offer(i, created);
        }
        int[] idx = newest.indexesByScore();
        for (int c : idx) {
            out.add(recommendation(c, asFill ? 0 : 1.0 / (out.size() + 1), LATEST));
            eligibility.choose(c);
        }
    }

    Recommendation recommendation(int index, double score, String reason) {
        var key = catalog.key(index);
        return new Recommendation(key.type(), key.id(), score, reason);
    }

    static List<Recommendation> page(List<Recommendation> all, int offset, int count) {
        if (offset >= all.size()) return List.of();
        return List.copyOf(all.subList(offset, Math.min(all.size(), offset + count)));
    }
}
