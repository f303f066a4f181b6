package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Missing and invalid keys are limited per client address; valid keys from the same address are not. */
class AuthFailureLimitTest {
    static final String ADMIN = "admin-key-for-failure-tests-0123456789";
    @TempDir
    static Path dir;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN, "AUTH_FAILURES_PER_MINUTE", "5"));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void randomKeysGet429OnceTheAddressHasSpentItsBudget() {
        var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        admin.post("/api/v1/tenants", Map.of("tenant_id", "acme"));
        String tenantKey = admin.post("/api/v1/tenants/acme/keys", Map.of("name", "w")).json().get("key").asText();

        for (int i = 0; i < 5; i++) {
            var r = running.http.get("/api/v1/interaction-types", "X-API-Key", "random-" + UUID.randomUUID());
            assertThat(r.status()).isEqualTo(401);
        }
        var limited = running.http.get("/api/v1/interaction-types", "X-API-Key", "random-" + UUID.randomUUID());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).as("429 keeps its numeric code for old clients").isEqualTo("429");
        assertThat(limited.json().at("/error/message").asText()).contains("invalid or unknown API key");
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(running.http.get("/api/v1/interaction-types").status()).as("no key at all").isEqualTo(429);

        assertThat(admin.get("/api/v1/interaction-types").status()).isEqualTo(200);
        assertThat(running.http.get("/api/v1/interaction-types", "X-API-Key", tenantKey).status()).isEqualTo(200);
        assertThat(running.http.get("/health").status()).isEqualTo(200);
    }
}
