package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The id → types lookup that lets clients omit entity_type when an id is unique in the tenant. */
class EntityTypesOfTest {
    private static Entity entity(String type, String id) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return new Entity("t", type, id, Map.of("a", 1), null, false, null, null, t, t);
    }

    @Test
    void listsLiveTypesSortedAndForgetsDeletedOnes() {
        var model = new Engine(EngineSettings.defaults(), Clock.systemUTC(), Runnable::run).tenant("t");
        assertThat(model.entityTypesOf("x")).isEmpty();
        model.upsertEntity(entity("product", "x"));
        model.upsertEntity(entity("article", "x"));
        model.upsertEntity(entity("video", "x"));
        model.upsertEntity(entity("product", "x")); // an update is not a second type
        model.upsertEntity(entity("product", "y"));
        assertThat(model.entityTypesOf("x")).containsExactly("article", "product", "video");
        model.removeEntity(new EntityKey("article", "x"));
        assertThat(model.entityTypesOf("x")).containsExactly("product", "video");
        model.removeEntity(new EntityKey("video", "x"));
        assertThat(model.entityTypesOf("x")).containsExactly("product");
        model.removeEntity(new EntityKey("product", "x"));
        assertThat(model.entityTypesOf("x")).isEmpty();
        assertThat(model.entityTypesOf("y")).containsExactly("product");
    }
}
