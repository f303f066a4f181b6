package dev.lodestone.server;

import dev.lodestone.store.StoreConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the server with SIGKILL in the middle of a stream of concurrent writes, restarts it on the same data, and
 * finds every acknowledged write — and nothing half-written — on both stores.
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyAcknowledgedWriteSurvivesSigkill(StoreKind kind) throws Exception {
        StoreConfig storeConfig = kind.freshConfig(dir.resolve("data"));
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.resolve("data").toString());
        if (storeConfig.databaseUrl() != null) {
            StoreKind.createSchema(storeConfig);
            env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + storeConfig.schema());
        }
        try {
            Set<String> acknowledgedInteractions = ConcurrentHashMap.newKeySet();
            Set<String> acknowledgedEntities = ConcurrentHashMap.newKeySet();
            var server = ServerProcess.start(env, dir.resolve("first.log"));
            var load = WriteLoad.start(16, server::http, (http, writer, n) -> {
                if (n % 5 == 0) {
                    String id = "e-" + writer + "-" + n;
                    var r = http.post("/api/v1/entities", Map.of("entity_id", id, "entity_type", "product",
                            "attributes", Map.of("writer", writer, "n", n)));
                    if (r.status() == 201) acknowledgedEntities.add(id);
                } else {
                    var r = http.post("/api/v1/interactions", Map.of("user_id", "u-" + writer,
                            "entity_id", "e-" + writer + "-" + n, "entity_type", "product", "interaction_type", "view"));
                    if (r.status() == 201) acknowledgedInteractions.add(r.json().get("id").asText());
                }
            });
            int writers = 16;
            load.awaitWrites(400);
            server.kill();
            load.stop();
            assertThat(acknowledgedInteractions.size() + acknowledgedEntities.size()).isGreaterThanOrEqualTo(400);

            try (var restarted = ServerProcess.start(env, dir.resolve("second.log"))) {
                var http = restarted.http();
                var storedIds = new HashMap<String, String>();
                for (int w = 0; w < writers; w++) {
                    var history = http.get("/api/v1/interactions/user/u-" + w + "?limit=1000").json();
                    for (var i : history) {
                        storedIds.put(i.get("id").asText(), i.get("entity_id").asText());
                        // Nothing half-written: every stored row is whole.
                        assertThat(i.get("interaction_type").asText()).isEqualTo("view");
                        assertThat(i.get("user_id").asText()).isEqualTo("u-" + w);
                        assertThat(i.get("weight").asDouble()).isEqualTo(1.0);
                    }
                }
                assertThat(storedIds.keySet()).containsAll(acknowledgedInteractions);
                for (String id : acknowledgedEntities) {
                    var e = http.get("/api/v1/entities/" + id + "?entity_type=product");
                    assertThat(e.status()).as(id).isEqualTo(200);
                    assertThat(e.json().get("attributes").has("writer")).isTrue();
                }
                // The restarted node's model holds what was durable: the writers' users are known.
                var recs = http.get("/api/v1/recommendations/user/u-0").json();
                assertThat(recs.get("cold_start").asBoolean()).isFalse();
            }
        } finally {
            StoreKind.dropSchema(storeConfig);
        }
    }
}
