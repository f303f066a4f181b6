package dev.lodestone.core.engine;

import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.List;

/**
 * One source of candidate scores (item-kNN, user-kNN, content, popularity, ...). A source only scores: the
 * {@link Blender} normalises, weighs and explains; re-ranking and fill are later stages. Sources are stateless and
 * shared; their scores go into a board taken from the request's scratch.
 */
interface CandidateSource {
    /** The {@code reason} an item carries when this source has the largest share of its score. */
    String reason();

    /** Sparse scores for the request; {@code earlier} holds what the sources before this one found. */
    ScoreBoard scores(RankContext ctx, RankRequest request, List<Scored> earlier);

    /** A source's scores with its weight in the blend. */
    record Scored(String reason, double weight, ScoreBoard scores) {
    }
}
