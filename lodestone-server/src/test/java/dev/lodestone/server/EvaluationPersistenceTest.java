package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's offline evaluation outlives the node: a finished run is kept in the store, so after a restart the
 * model page shows the same results and date; a newer run replaces it; deleting the tenant forgets it.
 */
class EvaluationPersistenceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theLastFinishedEvaluationSurvivesARestart(StoreKind kind) throws Exception {
        JsonNode finished;
        var server = RunningServer.start(kind, dir);
        try {
            seed(server.http);
            finished = evaluate(server.http);
            assertThat(finished.get("state").asText()).isEqualTo("done");
            assertThat(finished.get("results").findValuesAsText("algorithm"))
                    .containsExactly("hybrid", "collaborative", "content_based", "popular");
            server.stop();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        try (var restarted = RunningServer.start(server.storeConfig, Map.of())) {
            var http = restarted.http;
            JsonNode kept = http.get("/api/v1/dashboard/evaluations/latest?tenant_id=shop").json();
            assertThat(kept.get("evaluation_id").asText()).isEqualTo(finished.get("evaluation_id").asText());
            assertThat(kept.get("state").asText()).isEqualTo("done");
            assertThat(kept.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(kept.get("finished_at").asText()).isEqualTo(finished.get("finished_at").asText());
            assertThat(kept.get("started_at").asText()).isEqualTo(finished.get("started_at").asText());
            assertThat(kept.get("interactions").asInt()).isEqualTo(finished.get("interactions").asInt());
            assertThat(kept.get("results")).isEqualTo(finished.get("results"));

            JsonNode newer = evaluate(http);
            assertThat(newer.get("evaluation_id").asText()).isNotEqualTo(finished.get("evaluation_id").asText());
            assertThat(http.get("/api/v1/dashboard/evaluations/latest?tenant_id=shop").json().get("evaluation_id").asText())
                    .isEqualTo(newer.get("evaluation_id").asText());

            assertThat(http.delete("/api/v1/tenants/shop").status()).isEqualTo(204);
            assertThat(http.get("/api/v1/dashboard/evaluations/latest?tenant_id=shop").status()).isEqualTo(404);
        }
    }

    /** Two taste groups of 20 products; 60 users liking 5 items of their group. */
    private static void seed(HttpClientForTests http) {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (String group : List.of("a", "b")) {
            for (int i = 0; i < 20; i++) entities.add(Map.of("entity_id", group + i, "entity_type", "product",
                    "attributes", Map.of("group", group)));
        }
        assertThat(http.post("/api/v1/entities/bulk", Map.of("tenant_id", "shop", "entities", entities)).status()).isEqualTo(202);
        List<Map<String, Object>> interactions = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            String group = u % 2 == 0 ? "a" : "b";
            for (int j = 0; j < 5; j++) {
                interactions.add(Map.of("user_id", "u" + u, "entity_id", group + ((u + 3 * j) % 20), "interaction_type", "purchase"));
            }
        }
        assertThat(http.post("/api/v1/interactions/bulk", Map.of("tenant_id", "shop", "interactions", interactions)).status())
                .isEqualTo(202);
    }

    /** Starts an evaluation of tenant shop and waits for it to leave the running state. */
    private static JsonNode evaluate(HttpClientForTests http) throws InterruptedException {
        var started = http.post("/api/v1/dashboard/evaluations?tenant_id=shop", Map.of("k", 5));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        for (int i = 0; i < 600; i++) {
            JsonNode now = http.get("/api/v1/dashboard/evaluations/latest?tenant_id=shop").json();
            if (!now.get("state").asText().equals("running")) return now;
            Thread.sleep(100);
        }
        throw new AssertionError("the evaluation did not finish within a minute");
    }
}
