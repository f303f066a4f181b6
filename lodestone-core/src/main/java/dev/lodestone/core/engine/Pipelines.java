package dev.lodestone.core.engine;

import dev.lodestone.core.engine.learned.LearnedState;

import java.util.ArrayList;
import java.util.List;

/**
 * Which candidate sources, with which weights, make each {@link Algorithm}'s list. Adding a source is one class and
 * one line here. Order matters: a source sees what the ones before it found (content scores those candidates).
 */
final class Pipelines {
    static final CandidateSource ITEM_KNN = new ItemKnnSource();
    static final CandidateSource USER_KNN = new UserKnnSource();
    static final CandidateSource CONTENT = new ContentSource();
    static final CandidateSource CONTENT_SCAN = new ContentScanSource();
    static final CandidateSource POPULAR = new PopularSource();
    static final CandidateSource TRENDING = new TrendingSource();
    static final CandidateSource LEARNED = new LearnedSource();
    static final CandidateSource BOUGHT_TOGETHER = new BoughtTogetherSource();

    /** Complements, strongest evidence first (see {@link ComplementRanking}): bought with, used with, looks like. */
    static final List<CandidateSource> COMPLEMENT_TIERS = List.of(BOUGHT_TOGETHER, ITEM_KNN, CONTENT);

    /**
     * The collaborative sources and their shares of the collaborative weight (each normalised on its own): with a
     * learned model, its share (chosen on validation when it trained) and item-kNN and user-kNN halving the rest;
     * before the tenant's first model, the two kNN sources.
     */
    private static final List<Step> COLLABORATIVE_UNTRAINED = List.of(
            new Step(ITEM_KNN, 0.5),
            new Step(USER_KNN, 0.5));

    private static List<Step> collaborative(LearnedState learned) {
        if (learned == null) return COLLABORATIVE_UNTRAINED;
        double share = learned.model().learnedShare();
        if (share >= 1) return List.of(new Step(LEARNED, 1)); // the kNN sources would only cost time at weight 0
        return List.of(new Step(LEARNED, share), new Step(ITEM_KNN, (1 - share) / 2), new Step(USER_KNN, (1 - share) / 2));
    }

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

    private Pipelines() {
    }

    record Step(CandidateSource source, double weight) {
    }

    /**
     * A personalised list's sources.
     *
     * @param liked      the user's liked (positive) items
     * @param anyHistory whether the user has interacted at all
     * @param learned    the tenant's learned model, or null before its first
     */
    static List<Step> forUser(Algorithm algorithm, BlendWeights weights, int liked, boolean anyHistory,
                              LearnedState learned) {
        List<Step> collaborative = collaborative(learned);
        List<Step> steps = new ArrayList<>(6);
        switch (algorithm) {
            case POPULAR -> steps.add(new Step(POPULAR, 1));
            case TRENDING -> steps.add(new Step(TRENDING, 1));
            case ITEM_KNN -> steps.add(new Step(ITEM_KNN, 1));
            case USER_KNN -> steps.add(new Step(USER_KNN, 1));
            case EASE -> steps.add(new Step(LEARNED, 1));
            case CONTENT_BASED -> steps.add(new Step(CONTENT_SCAN, 1));
            case COLLABORATIVE -> add(steps, collaborative, 1);
            case HYBRID -> {
                double personal = 1;
                if (liked < COLD_START_ITEMS) {
                    double share = liked == 0 && !anyHistory ? 1 : COLD_START_POPULARITY_SHARE;
                    personal = 1 - share;
                    steps.add(new Step(TRENDING, share / 2));
                    steps.add(new Step(POPULAR, share / 2));
                }
                if (personal > 0) {
                    if (weights.collaborative() > 0) add(steps, collaborative, personal * weights.collaborative());
                    // content carries users with thin collaborative evidence and fades out as liked items add up
                    double taper = weights.collaborative() > 0 ? Math.max(0, 1 - liked / CONTENT_FADE_ITEMS) : 1;
                    if (weights.content() * taper > 0) steps.add(new Step(CONTENT, personal * weights.content() * taper));
                }
            }
        }
        return steps;
    }

    /** A similar-entities list's sources; popular and trending ask for the hybrid blend. */
    static List<Step> forItem(Algorithm algorithm, BlendWeights weights, boolean sourceHasContent) {
        if (algorithm == Algorithm.EASE) return List.of(new Step(LEARNED, 1));
        boolean wantCf = algorithm != Algorithm.CONTENT_BASED;
        boolean wantContent = switch (algorithm) {
            case ITEM_KNN, USER_KNN, COLLABORATIVE -> false;
            default -> true;
        };
        boolean blend = wantCf && wantContent;
        List<Step> steps = new ArrayList<>(2);
        if (wantCf && (!blend || weights.collaborative() > 0)) {
            steps.add(new Step(ITEM_KNN, blend ? weights.collaborative() : 1));
        }
        if (wantContent && (!blend || weights.content() > 0) && sourceHasContent) {
            steps.add(new Step(CONTENT, blend ? weights.content() : 1));
        }
        return steps;
    }

    private static void add(List<Step> steps, List<Step> group, double weight) {
        for (Step s : group) steps.add(new Step(s.source(), weight * s.weight()));
    }
}
