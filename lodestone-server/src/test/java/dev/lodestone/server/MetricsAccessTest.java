package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics names every tenant and its size: off loopback it needs the admin key unless METRICS_PUBLIC=true; a tenant
 * that is deleted (on this node or another) or was never written leaves no series behind.
 */
class MetricsAccessTest {
    static final String ADMIN = "admin-key-for-metrics-tests-0123";

    @TempDir
    Path dir;

    @Test
    void offLoopbackTheMetricsNeedTheAdminKey() {
        try (var server = RunningServer.start(StoreKind.SQLITE, dir, Map.of("HOST", "0.0.0.0", "API_KEY", ADMIN))) {
            assertThat(server.http.get("/metrics").status()).isEqualTo(401);
            var admin = server.http.withHeader("Authorization", "Bearer " + ADMIN);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "acme")).status()).isEqualTo(201);
            String tenantKey = admin.post("/api/v1/tenants/acme/keys", Map.of("name", "w")).json().get("key").asText();
            assertThat(server.http.get("/metrics", "Authorization", "Bearer " + tenantKey).status()).isEqualTo(403);
            var scrape = admin.get("/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.body()).contains("lodestone_tenant_entities{tenant=\"default\"}");
        }
    }

    @Test
    void metricsPublicOpensThemOffLoopback() {
        try (var server = RunningServer.start(StoreKind.SQLITE, dir, Map.of("HOST", "0.0.0.0", "API_KEY", ADMIN,
                "METRICS_PUBLIC", "true"))) {
            assertThat(server.http.get("/metrics").status()).isEqualTo(200);
            assertThat(server.http.get("/api/config", "Authorization", "Bearer " + ADMIN).json().get("METRICS_PUBLIC").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void readsForATenantThisNodeDoesNotHoldCreateNoSeries() {
        try (var server = RunningServer.start(StoreKind.SQLITE, dir)) {
            var r = server.http.get("/api/v1/recommendations/user/u1", "X-Tenant-ID", "ghost");
            assertThat(r.status()).isEqualTo(200);
            assertThat(server.http.get("/api/v1/recommendations/trending", "X-Tenant-ID", "ghost2").status()).isEqualTo(200);
            assertThat(server.http.get("/metrics").body()).doesNotContain("ghost");
            assertThat(server.server.engine().existing("ghost")).isEmpty();
        }
    }

    @Test
    void aDeletedTenantsSeriesDisappearOnEveryNode() {
        var config = StoreKind.POSTGRESQL.freshConfig(null);
        try (var a = RunningServer.start(config, Map.of()); var b = RunningServer.start(config, Map.of())) {
            assertThat(a.http.post("/api/v1/tenants", Map.of("tenant_id", "gone")).status()).isEqualTo(201);
            a.http.post("/api/v1/entities", Map.of("entity_id", "p1", "entity_type", "product", "attributes", Map.of("c", "x")),
                    "X-Tenant-ID", "gone");
            a.http.post("/api/v1/interactions", Map.of("user_id", "u1", "entity_id", "p1", "interaction_type", "view"),
                    "X-Tenant-ID", "gone");
            String series = "lodestone_tenant_entities{tenant=\"gone\"} 1.0";
            eventually(() -> b.http.get("/metrics").body().contains(series));
            assertThat(a.http.get("/metrics").body()).contains(series);

            assertThat(a.http.delete("/api/v1/tenants/gone").status()).isIn(200, 204);
            assertThat(a.http.get("/metrics").body()).doesNotContain("tenant=\"gone\"");
            eventually(() -> !b.http.get("/metrics").body().contains("tenant=\"gone\""));
            // a read of the deleted tenant on either node does not bring its series back
            b.http.get("/api/v1/recommendations/trending", "X-Tenant-ID", "gone");
            a.http.get("/api/v1/recommendations/user/u1", "X-Tenant-ID", "gone");
            assertThat(b.http.get("/metrics").body()).doesNotContain("tenant=\"gone\"");
            assertThat(a.http.get("/metrics").body()).doesNotContain("tenant=\"gone\"");
        } finally {
            StoreKind.dropSchema(config);
        }
    }

    private static void eventually(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("condition not reached in 10 s");
    }
}
