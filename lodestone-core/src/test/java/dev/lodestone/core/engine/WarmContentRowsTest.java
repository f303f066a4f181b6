package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Warming content rows in the background changes no answer: similar lists are the same warmed or not. */
class WarmContentRowsTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static TenantModel catalogue() {
        var model = new Engine(EngineSettings.defaults(), Clock.systemUTC(), Runnable::run).tenant("t");
        var loader = model.loader();
        for (int i = 0; i < 300; i++) {
            var attrs = Map.<String, Object>of("category", "c" + (i % 7), "brand", "b" + (i % 11), "title", "word" + (i % 13) + " thing");
            loader.entity(new Entity("t", "p", "e" + i, attrs, null, false, null, null, T, T));
        }
        loader.finish();
        return model;
    }

    @Test
    void warmedRowsGiveTheSameSimilarLists() throws Exception {
        var cold = catalogue();
        var warm = catalogue();
        warm.warmContentRows();
        for (int i = 0; i < 300; i += 17) {
            var q = new SimilarQuery(new EntityKey("p", "e" + i), 10, 0, Algorithm.CONTENT_BASED, null, null, Set.of(), 0);
            assertThat(warm.similar(q)).isEqualTo(cold.similar(q));
            assertThat(warm.similar(q).orElseThrow().items()).hasSize(10);
        }
    }
}
