package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** RECOMMENDATION_CACHE_TTL_SECS reaches the engine: a positive TTL serves repeats from the cache, zero never does. */
class CacheTtlTest {
    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");

    private static TenantModel model(Duration ttl) {
        var model = new Engine(new EngineSettings(BlendWeights.DEFAULT, 7, ttl), Clock.fixed(T, ZoneOffset.UTC), Runnable::run).tenant("t");
        for (int i = 0; i < 5; i++) {
            model.upsertEntity(new Entity("t", "p", "e" + i, Map.of("c", "x" + i), null, false, null, null, T, T));
            model.addInteraction(new Interaction(i + 1, "t", "u", "p", "e" + i, "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), T));
        }
        return model;
    }

    private static UserQuery query() {
        return new UserQuery("u", 3, 0, Algorithm.HYBRID, null, null, null, Set.of(), false, 0);
    }

    @Test
    void positiveTtlServesRepeatsFromTheCache() {
        var model = model(Duration.ofMinutes(5));
        var first = model.recommend(query());
        var second = model.recommend(query());
        assertThat(second).isEqualTo(first);
        assertThat(model.cacheHits()).isEqualTo(1);
    }

    @Test
    void zeroTtlTurnsTheCacheOff() {
        var model = model(Duration.ZERO);
        var first = model.recommend(query());
        assertThat(model.recommend(query())).isEqualTo(first);
        assertThat(model.cacheHits()).isZero();
        assertThat(model.cacheMisses()).isEqualTo(2);
    }
}
