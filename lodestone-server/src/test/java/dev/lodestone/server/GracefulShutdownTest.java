package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM under a concurrent write load: /ready turns 503 at once while /health and writes are still served during
 * the grace period, the process drains and exits 0, and a restart finds every acknowledged write.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDrainsAndLosesNothingAcknowledged() throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString(),
                "SHUTDOWN_GRACE_SECS", "4", "SHUTDOWN_TIMEOUT_SECS", "10");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        var server = ServerProcess.start(env, dir.resolve("first.log"));
        var load = WriteLoad.start(8, server::http, (http, writer, n) -> {
            var r = http.post("/api/v1/interactions", Map.of("user_id", "u-" + writer, "entity_id", "e-" + n,
                    "entity_type", "product", "interaction_type", "view"));
            if (r.status() == 201) acknowledged.add(r.json().get("id").asText());
        });
        try {
            load.awaitWrites(200);
            var http = server.http();
            server.terminate();
            var ready = http.get("/ready");
            for (int i = 0; i < 100 && ready.status() == 200; i++) {
                Thread.sleep(20);
                ready = http.get("/ready");
            }
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().at("/checks/shutdown").asText()).isEqualTo("in_progress");
            // Still serving during the grace period: liveness and new writes.
            assertThat(http.get("/health").status()).isEqualTo(200);
            var during = http.post("/api/v1/interactions", Map.of("user_id", "late", "entity_id", "e", "entity_type", "product",
                    "interaction_type", "view"));
            assertThat(during.status()).isEqualTo(201);
            acknowledged.add(during.json().get("id").asText());

            assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).as("exits after grace + drain").isTrue();
            assertThat(server.process.exitValue()).isZero();
        } finally {
            load.stop();
            server.close();
        }
        assertThat(acknowledged.size()).isGreaterThan(200);

        try (var restarted = ServerProcess.start(env, dir.resolve("second.log"))) {
            var export = restarted.http().get("/api/v1/export/interactions?format=jsonl");
            Set<String> stored = new HashSet<>();
            for (String line : export.body().split("\n")) stored.add(HttpClientForTests.MAPPER.readTree(line).get("id").asText());
            assertThat(stored).containsAll(acknowledged);
        }
    }
}
