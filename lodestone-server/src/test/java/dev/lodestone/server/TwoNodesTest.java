package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes on one PostgreSQL: each learns the other's writes through the change feed, and counts its own once. */
class TwoNodesTest {

    @Test
    void writesOnOneNodeReachTheOtherAndAreAppliedOnce() {
        var config = StoreKind.POSTGRESQL.freshConfig(null);
        try (var a = RunningServer.start(config, Map.of()); var b = RunningServer.start(config, Map.of())) {
            a.http.post("/api/v1/entities", Map.of("entity_id", "p1", "entity_type", "product", "attributes", Map.of("c", "x")));
            a.http.post("/api/v1/entities", Map.of("entity_id", "p2", "entity_type", "product", "attributes", Map.of("c", "y")));
            for (int i = 0; i < 3; i++) {
                a.http.post("/api/v1/interactions", Map.of("user_id", "u" + i, "entity_id", "p1", "interaction_type", "purchase"));
            }
            // B may not know p2 yet, so it names the type (else the interaction would be filed under type "item").
            b.http.post("/api/v1/interactions", Map.of("user_id", "u9", "entity_id", "p2", "entity_type", "product",
                    "interaction_type", "view"));

            // Popular scores are relative: p1 has 3 purchases (weight 15), p2 one view (weight 1). Node B sees A's
            // entities and interactions, A sees B's — and each counts its own writes once, not again from the feed.
            Predicate<JsonNode> bothCountedOnce = json -> json.get("popular").size() == 2
                    && json.get("popular").get(0).get("entity_id").asText().equals("p1")
                    && Math.abs(json.get("popular").get(0).get("score").asDouble()
                    - 15 * json.get("popular").get(1).get("score").asDouble()) < 1e-3;
            eventually(() -> b.http.get("/api/v1/recommendations/popular").json(), bothCountedOnce);
            eventually(() -> a.http.get("/api/v1/recommendations/popular").json(), bothCountedOnce);

            // A delete on B reaches A.
            assertThat(b.http.delete("/api/v1/entities/p2").status()).isEqualTo(204);
            eventually(() -> a.http.get("/api/v1/recommendations/popular").json(), json -> json.get("popular").size() == 1);
        } finally {
            StoreKind.dropSchema(config);
        }
    }

    private static JsonNode eventually(Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) return last;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("condition not reached in 10 s; last answer: " + last);
    }
}
