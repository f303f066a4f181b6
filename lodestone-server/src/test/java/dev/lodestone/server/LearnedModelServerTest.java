package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned model over HTTP: trains in the background once enough interactions arrived, shows in the tenant's
 * status and /metrics, folds in a new interaction at once, and after a restart is served from the store before the
 * first request (no retraining).
 */
class LearnedModelServerTest {
    @TempDir
    Path dir;

    @Test
    void trainsInTheBackgroundAndARestartServesTheSavedModelAtOnce() throws Exception {
        String trainedAt;
        List<String> before;
        var server = RunningServer.start(StoreKind.SQLITE, dir);
        try {
            var http = server.http;
            // two taste groups of 20 items; 300 users liking 4 items of their group: 1,200 interactions
            List<Map<String, Object>> entities = new ArrayList<>();
            for (String group : List.of("a", "b")) {
                for (int i = 0; i < 20; i++) entities.add(Map.of("entity_id", group + i, "entity_type", "product",
                        "attributes", Map.of("group", group)));
            }
            var created = http.post("/api/v1/entities/bulk", Map.of("tenant_id", "shop", "entities", entities));
            assertThat(created.json().get("successful").asInt()).as(created.body()).isEqualTo(40);
            List<Map<String, Object>> interactions = new ArrayList<>();
            var random = new java.util.Random(5);
            for (int u = 0; u < 300; u++) {
                String group = u % 2 == 0 ? "a" : "b";
                var items = new java.util.LinkedHashSet<Integer>();
                while (items.size() < 4) items.add(random.nextInt(20));
                for (int item : items) {
                    interactions.add(Map.of("user_id", "u" + u, "entity_id", group + item, "interaction_type", "purchase"));
                }
            }
            for (int from = 0; from < interactions.size(); from += 500) {
                var r = http.post("/api/v1/interactions/bulk", Map.of("tenant_id", "shop",
                        "interactions", interactions.subList(from, Math.min(interactions.size(), from + 500))));
                assertThat(r.status()).isEqualTo(202);
            }
            JsonNode learned = awaitTrained(http);
            trainedAt = learned.get("trained_at").asText();
            assertThat(learned.get("items").asInt()).isEqualTo(40);
            assertThat(learned.get("size_bytes").asLong()).isPositive();
            // chosen on a validation split of the tenant's own data
            assertThat(learned.get("lambda").asDouble()).isPositive();
            assertThat(learned.get("learned_share").asDouble()).isIn(1.0, 0.8, 0.6);
            assertThat(http.get("/metrics").body()).contains("lodestone_learned_size_bytes{tenant=\"shop\"}");

            var u0 = http.get("/api/v1/recommendations/user/u0?tenant_id=shop&algorithm=ease&count=5");
            before = ids(u0);
            assertThat(before).hasSize(5).allMatch(id -> id.startsWith("a"));
            u0.json().get("recommendations").forEach(r -> assertThat(r.get("score").asDouble()).isPositive());
            // fold-in: a new user's first interactions answer at once, from the same model
            assertThat(http.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "fresh",
                    "entity_id", "b3", "interaction_type", "purchase")).status()).isEqualTo(201);
            assertThat(ids(http.get("/api/v1/recommendations/user/fresh?tenant_id=shop&algorithm=ease&count=5")))
                    .hasSize(5).allMatch(id -> id.startsWith("b"));
            server.stop();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        try (var restarted = RunningServer.start(server.storeConfig, Map.of())) {
            JsonNode learned = restarted.http.get("/api/v1/tenants/shop").json().get("model").get("learned");
            assertThat(learned.get("trained_at").asText()).isEqualTo(trainedAt);
            assertThat(learned.get("training").asBoolean()).isFalse();
            assertThat(ids(restarted.http.get("/api/v1/recommendations/user/u0?tenant_id=shop&algorithm=ease&count=5")))
                    .isEqualTo(before);
        }
    }

    @Test
    void anUnknownTenantHasNoStatus() {
        try (var server = RunningServer.start(StoreKind.SQLITE, dir)) {
            var r = server.http.get("/api/v1/tenants/nobody");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("TENANT_NOT_FOUND");
        }
    }

    private static JsonNode awaitTrained(HttpClientForTests http) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            var status = http.get("/api/v1/tenants/shop");
            assertThat(status.status()).isEqualTo(200);
            JsonNode learned = status.json().get("model").get("learned");
            if (learned.has("trained_at") && !learned.get("training").asBoolean()) return learned;
            Thread.sleep(100);
        }
        throw new AssertionError("the learned model did not train: " + http.get("/api/v1/tenants/shop").body());
    }

    private static List<String> ids(HttpClientForTests.Response r) {
        assertThat(r.status()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("recommendations").forEach(n -> out.add(n.get("entity_id").asText()));
        return out;
    }
}
