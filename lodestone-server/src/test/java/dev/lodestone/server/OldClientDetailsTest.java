package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Details old clients rely on: a numeric interaction id, and a key sent to a keyless (loopback) server accepted. */
class OldClientDetailsTest {
    @TempDir
    Path dir;

    @Test
    void keylessServerAcceptsAnyKeyAndAnswersNumericInteractionIds() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir)) {
            var http = running.http.withHeader("Authorization", "Bearer some-old-client-key");
            var created = http.post("/api/v1/interactions", Map.of("user_id", "u1", "entity_id", "e1", "interaction_type", "view"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("id").isIntegralNumber()).as(created.body()).isTrue();

            var history = running.http.get("/api/v1/interactions/user/u1", "X-API-Key", "another-key");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.json().get(0).get("id").asLong()).isEqualTo(created.json().get("id").asLong());
            assertThat(history.json().get(0).get("id").isIntegralNumber()).isTrue();

            var export = running.http.get("/api/v1/export/interactions?format=jsonl");
            assertThat(export.body()).contains("\"id\":" + created.json().get("id").asLong() + ",");
        }
    }

    @Test
    void aTenantKeyOnAKeylessServerStillConfinesToItsTenant() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir)) {
            assertThat(running.http.post("/api/v1/tenants", Map.of("tenant_id", "shop-a", "name", "A")).status()).isEqualTo(201);
            var key = running.http.post("/api/v1/tenants/shop-a/keys", Map.of("name", "k"));
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            String secret = key.json().get("key").asText();
            var other = running.http.get("/api/v1/entities/x?tenant_id=shop-b", "Authorization", "Bearer " + secret);
            assertThat(other.status()).isEqualTo(403);
        }
    }
}
