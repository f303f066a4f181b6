package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client speaking the old service's wire format — Bearer key, tenant_id in bodies and queries, {"rating": 4.5}
 * interaction types, entity calls without entity_type — runs a whole create/read/update/delete/bulk/history
 * cycle, on both stores.
 */
class OldClientCycleTest {
    static final String ADMIN_KEY = "test-admin-key-0123456789";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void fullCycle(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir, Map.of("API_KEY", ADMIN_KEY))) {
            var http = running.http.withHeader("Authorization", "Bearer " + ADMIN_KEY);

            var created = http.post("/api/v1/entities", Map.of(
                    "entity_id", "sku-1", "entity_type", "product", "tenant_id", "shop-a",
                    "attributes", Map.of("category", "shoes", "price", 42, "ratio", new java.math.BigDecimal("1.50"),
                            "tags", List.of("red", "sale"), "dims", Map.of("w", 3))));
            assertThat(created.status()).isEqualTo(201);
            JsonNode e = created.json();
            assertThat(e.get("tenant_id").asText()).isEqualTo("shop-a");
            assertThat(e.get("attributes").get("price").isIntegralNumber()).isTrue();
            assertThat(created.body()).contains("\"price\":42").contains("\"ratio\":1.50");
            assertThat(e.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(e.has("vector")).isFalse();

            assertThat(http.post("/api/v1/entities", Map.of("entity_id", "sku-1", "entity_type", "product",
                    "tenant_id", "shop-a", "attributes", Map.of("a", 1))).errorCode()).isEqualTo("ENTITY_EXISTS");

            // Read without entity_type, tenant in the query.
            var got = http.get("/api/v1/entities/sku-1?tenant_id=shop-a");
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.json().get("attributes").get("tags").get(1).asText()).isEqualTo("sale");
            // Another tenant does not see it.
            assertThat(http.get("/api/v1/entities/sku-1?tenant_id=shop-b").status()).isEqualTo(404);

            var replaced = http.put("/api/v1/entities/sku-1?tenant_id=shop-a",
                    Map.of("attributes", Map.of("category", "boots")));
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(replaced.json().get("attributes").has("price")).isFalse();
            assertThat(replaced.json().get("created_at").asText()).isEqualTo(e.get("created_at").asText());

            var bulk = http.post("/api/v1/entities/bulk", Map.of("tenant_id", "shop-a", "entities", List.of(
                    Map.of("entity_id", "sku-2", "entity_type", "product", "attributes", Map.of("category", "shoes")),
                    Map.of("entity_id", "sku-3", "entity_type", "product", "attributes", Map.of("category", "hats")),
                    Map.of("entity_id", "", "entity_type", "product", "attributes", Map.of("x", 1)))));
            assertThat(bulk.status()).isEqualTo(202);
            assertThat(bulk.json().get("status").asText()).isEqualTo("partially_completed");
            assertThat(bulk.json().get("successful").asInt()).isEqualTo(2);
            assertThat(bulk.json().get("failed").asInt()).isEqualTo(1);
            assertThat(bulk.json().get("errors").get(0).get("error").asText()).contains("entity_id");

            var rating = http.post("/api/v1/interactions", Map.of("tenant_id", "shop-a", "user_id", "u1",
                    "entity_id", "sku-2", "interaction_type", Map.of("rating", 4.5)));
            assertThat(rating.status()).isEqualTo(201);
            assertThat(rating.json().get("interaction_type").get("rating").asDouble()).isEqualTo(4.5);
            assertThat(rating.json().get("weight").asDouble()).isEqualTo(4.5);
            assertThat(rating.json().get("entity_type").asText()).isEqualTo("product");
            assertThat(rating.json().get("entity_known").asBoolean()).isTrue();

            var custom = http.post("/api/v1/interactions", Map.of("tenant_id", "shop-a", "user_id", "u1",
                    "entity_id", "sku-3", "interaction_type", Map.of("custom", "share")));
            assertThat(custom.json().get("interaction_type").get("custom").asText()).isEqualTo("share");
            assertThat(custom.json().get("weight").asDouble()).isEqualTo(1.0);

            var purchase = http.post("/api/v1/interactions", Map.of("tenant_id", "shop-a", "user_id", "u2",
                    "entity_id", "sku-2", "interaction_type", "purchase", "metadata", Map.of("source", "app"),
                    "timestamp", "2025-10-20T12:00:00.123456+02:00"));
            assertThat(purchase.json().get("weight").asDouble()).isEqualTo(5.0);
            assertThat(purchase.json().get("timestamp").asText()).isEqualTo("2025-10-20T10:00:00.123456Z");

            var unknown = http.post("/api/v1/interactions", Map.of("tenant_id", "shop-a", "user_id", "u2",
                    "entity_id", "not-yet", "interaction_type", "view"));
            assertThat(unknown.status()).isEqualTo(201);
            assertThat(unknown.json().get("entity_known").asBoolean()).isFalse();

            var bulkInteractions = http.post("/api/v1/interactions/bulk", Map.of("tenant_id", "shop-a", "interactions", List.of(
                    Map.of("user_id", "u3", "entity_id", "sku-2", "interaction_type", "view"),
                    Map.of("user_id", "u3", "entity_id", "sku-3", "interaction_type", "click"),
                    Map.of("user_id", "u3", "entity_id", "sku-3"))));
            assertThat(bulkInteractions.status()).isEqualTo(202);
            assertThat(bulkInteractions.json().get("successful").asInt()).isEqualTo(2);
            assertThat(bulkInteractions.json().get("errors").get(0).get("user_id").asText()).isEqualTo("u3");

            var history = http.get("/api/v1/interactions/user/u1?tenant_id=shop-a&limit=10");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().isArray()).isTrue();
            assertThat(history.json()).hasSize(2);
            assertThat(history.json().get(0).get("entity_id").asText()).isEqualTo("sku-3"); // newest first

            var entityHistory = http.get("/api/v1/interactions/entity/sku-2?tenant_id=shop-a");
            assertThat(entityHistory.json()).hasSize(3);
            assertThat(http.get("/api/v1/interactions/entity/sku-2?tenant_id=shop-a&limit=1&offset=1").json()).hasSize(1);

            var recs = http.get("/api/v1/recommendations/user/u9?tenant_id=shop-a&count=2");
            assertThat(recs.status()).isEqualTo(200);
            assertThat(recs.json().get("cold_start").asBoolean()).isTrue();
            assertThat(recs.json().get("recommendations")).hasSize(2);
            assertThat(recs.json().get("user_id").asText()).isEqualTo("u9");

            var trending = http.get("/api/v1/recommendations/trending?tenant_id=shop-a");
            assertThat(trending.json().get("trending").get(0).get("entity_id").asText()).isEqualTo("sku-2");

            assertThat(http.delete("/api/v1/entities/sku-2?tenant_id=shop-a").status()).isEqualTo(204);
            assertThat(http.get("/api/v1/entities/sku-2?tenant_id=shop-a").errorCode()).isEqualTo("ENTITY_NOT_FOUND");
            // Its interactions stay in history, and it is never recommended again.
            assertThat(http.get("/api/v1/interactions/entity/sku-2?tenant_id=shop-a").json()).hasSize(3);
            var after = http.get("/api/v1/recommendations/trending?tenant_id=shop-a&count=100").json().get("trending");
            after.forEach(item -> assertThat(item.get("entity_id").asText()).isNotEqualTo("sku-2"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void idempotencyKeyStoresOnce(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir)) {
            var body = Map.of("user_id", "u1", "entity_id", "e1", "interaction_type", "view");
            var first = running.http.post("/api/v1/interactions", body, "Idempotency-Key", "k-1");
            var second = running.http.post("/api/v1/interactions", body, "Idempotency-Key", "k-1");
            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(running.http.get("/api/v1/interactions/user/u1").json()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void registryWeightsApplyToLaterInteractions(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir)) {
            var http = running.http;
            var types = http.get("/api/v1/interaction-types").json();
            assertThat(types.get("total").asInt()).isEqualTo(5);
            assertThat(http.get("/api/v1/interaction-types/purchase").json().get("weight").asDouble()).isEqualTo(5.0);

            assertThat(http.post("/api/v1/interaction-types", Map.of("interaction_type", "dislike", "weight", -2,
                    "description", "thumbs down")).status()).isEqualTo(201);
            var updated = http.put("/api/v1/interaction-types/dislike", Map.of("weight", -3));
            assertThat(updated.json().get("weight").asDouble()).isEqualTo(-3.0);
            assertThat(updated.json().get("description").asText()).isEqualTo("thumbs down");

            var i = http.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "e", "interaction_type", "dislike"));
            assertThat(i.json().get("weight").asDouble()).isEqualTo(-3.0);

            assertThat(http.put("/api/v1/interaction-types/purchase", Map.of("weight", 10)).status()).isEqualTo(200);
            var p = http.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "e", "interaction_type", "purchase"));
            assertThat(p.json().get("weight").asDouble()).isEqualTo(10.0);

            assertThat(http.delete("/api/v1/interaction-types/dislike").status()).isEqualTo(204);
            assertThat(http.get("/api/v1/interaction-types/dislike").errorCode()).isEqualTo("NOT_FOUND");
            assertThat(http.get("/api/v1/interaction-types").json().get("total").asInt()).isEqualTo(5);
        }
    }
}
