package dev.lodestone.bench.eval;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;

import java.util.List;
import java.util.Set;

/** One of the engine's algorithms, asked exactly as the API asks it (exclude_seen on, no filter, no diversity). */
record EngineRecommender(TenantModel model, Algorithm algorithm) implements Recommender {
    @Override
    public String name() {
        return algorithm.wireName();
    }

    @Override
    public List<String> recommend(String userId, int k) {
        var query = new UserQuery(userId, k, 0, algorithm, null, null, null, Set.of(), true, 0);
        return model.recommend(query).items().stream().map(Recommendation::entityId).toList();
    }
}
