package dev.lodestone.core.eval;

import dev.lodestone.core.engine.Algorithm;

/**
 * Mean metrics over the evaluated users (those with at least one relevant test item).
 *
 * @param recall    hits in the top k / relevant items of the user
 * @param ndcg      binary-relevance DCG of the top k / ideal DCG (min(relevant, k) hits at the top)
 * @param hitRate   share of users with at least one hit in the top k
 * @param precision hits / k
 * @param mrr       1 / rank of the first hit in the top k (0 without)
 * @param coverage  distinct recommended entities / entities in the catalogue
 */
public record EvaluationResult(
        Algorithm algorithm,
        int k,
        int users,
        double recall,
        double ndcg,
        double hitRate,
        double precision,
        double mrr,
        double coverage) {
}
