package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys in every accepted header form, the tenant rule, tenant keys confined to their tenant, revocation. */
class AuthAndTenantsTest {
    static final String ADMIN = "admin-key-for-tests-0123456789";
    @TempDir
    static Path dir;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void missingOrWrongKeyIs401WithNumericCode() {
        var none = running.http.get("/api/v1/interaction-types");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/code").isInt()).isTrue();
        assertThat(none.json().at("/error/code").asInt()).isEqualTo(401);
        assertThat(running.http.get("/api/v1/interaction-types", "Authorization", "Bearer wrong-key").status()).isEqualTo(401);
        assertThat(running.http.get("/api/v1/interaction-types", "X-API-Key", "wrong-key").status()).isEqualTo(401);
    }

    @Test
    void everyKeyFormIsAccepted() {
        for (String[] header : new String[][] {
                {"Authorization", "Bearer " + ADMIN}, {"Authorization", "bearer " + ADMIN},
                {"Authorization", ADMIN}, {"X-API-Key", ADMIN}}) {
            assertThat(running.http.get("/api/v1/interaction-types", header).status()).as(header[1]).isEqualTo(200);
        }
    }

    @Test
    void healthAndReadyNeedNoKey() {
        assertThat(running.http.get("/health").status()).isEqualTo(200);
        assertThat(running.http.get("/health").body()).isEqualTo("OK");
        var ready = running.http.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        assertThat(ready.json().at("/checks/store").asText()).isEqualTo("ok");
    }

    @Test
    void tenantKeysAreConfinedToTheirTenantAndRevocableAtOnce() {
        var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "acme", "name", "Acme")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "globex")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "acme")).errorCode()).isEqualTo("TENANT_EXISTS");
        var created = admin.post("/api/v1/tenants/acme/keys", Map.of("name", "web"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String keyId = created.json().get("key_id").asText();
        assertThat(admin.get("/api/v1/tenants/acme/keys").body()).contains(keyId).doesNotContain(key);

        var acme = running.http.withHeader("X-API-Key", key);
        var e = acme.post("/api/v1/entities", Map.of("entity_id", "a1", "entity_type", "p", "attributes", Map.of("x", 1)));
        assertThat(e.status()).isEqualTo(201);
        assertThat(e.json().get("tenant_id").asText()).isEqualTo("acme");
        // The key's tenant wins; naming another tenant anywhere is 403.
        assertThat(acme.get("/api/v1/entities/a1", "X-Tenant-ID", "globex").status()).isEqualTo(403);
        assertThat(acme.get("/api/v1/entities/a1?tenant_id=globex").status()).isEqualTo(403);
        assertThat(acme.post("/api/v1/entities", Map.of("tenant_id", "globex", "entity_id", "a2", "entity_type", "p",
                "attributes", Map.of("x", 1))).status()).isEqualTo(403);
        assertThat(acme.get("/api/v1/entities/a1", "X-Tenant-ID", "acme").status()).isEqualTo(200);
        // Admin routes are not for tenant keys.
        assertThat(acme.get("/api/v1/tenants").status()).isEqualTo(403);
        // Admin sees acme's entity only in acme.
        assertThat(admin.get("/api/v1/entities/a1", "X-Tenant-ID", "globex").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/entities/a1", "X-Tenant-ID", "acme").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/tenants/acme/keys/" + keyId).status()).isEqualTo(204);
        assertThat(acme.get("/api/v1/entities/a1").status()).isEqualTo(401);
    }

    @Test
    void deletingATenantRemovesItsDataOnly() {
        var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        admin.post("/api/v1/tenants", Map.of("tenant_id", "doomed"));
        admin.post("/api/v1/tenants", Map.of("tenant_id", "kept"));
        for (String t : new String[] {"doomed", "kept"}) {
            admin.post("/api/v1/entities", Map.of("tenant_id", t, "entity_id", "x", "entity_type", "p", "attributes", Map.of("a", 1)));
            admin.post("/api/v1/interactions", Map.of("tenant_id", t, "user_id", "u", "entity_id", "x", "interaction_type", "view"));
        }
        assertThat(admin.delete("/api/v1/tenants/doomed").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/entities/x?tenant_id=doomed").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/interactions/user/u?tenant_id=doomed").json()).isEmpty();
        assertThat(admin.get("/api/v1/recommendations/popular?tenant_id=doomed").json().get("count").asInt()).isZero();
        assertThat(admin.get("/api/v1/entities/x?tenant_id=kept").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/interactions/user/u?tenant_id=kept").json()).hasSize(1);
    }
}
