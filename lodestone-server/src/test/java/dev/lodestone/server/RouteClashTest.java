package dev.lodestone.server;

import dev.lodestone.core.model.InvalidInput;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.ingest.ReservedTenantIds;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storefront reads put a tenant id where the main API has words of its own
 * ({@code /api/v1/recommendations/{tenant}/trending} against {@code /api/v1/recommendations/user/{user_id}}). Every
 * pair of routes that one path could match must be settled by a reserved tenant id, and both routes stay reachable.
 */
class RouteClashTest {
    static final String ADMIN = "admin-key-for-route-clash-tests-00";

    @TempDir
    Path dir;

    /** Two templates one request path could match: same method, same length, each segment equal or a parameter. */
    static boolean overlap(String[] a, String[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (!a[i].startsWith("{") && !b[i].startsWith("{") && !a[i].equals(b[i])) return false;
        }
        return true;
    }

    /** Settled when one route has {tenant} where the other has a reserved word. */
    static boolean settledByReservedTenant(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("{tenant}") && ReservedTenantIds.ALL.contains(b[i])) return true;
            if (b[i].equals("{tenant}") && ReservedTenantIds.ALL.contains(a[i])) return true;
        }
        return false;
    }

    @Test
    void everyAmbiguousPairOfRoutesIsSettledByAReservedTenantId() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir)) {
            var routes = running.server.routes();
            List<String> ambiguous = new ArrayList<>();
            List<String> unsettled = new ArrayList<>();
            for (int i = 0; i < routes.size(); i++) {
                for (int j = i + 1; j < routes.size(); j++) {
                    var a = routes.get(i);
                    var b = routes.get(j);
                    if (!a.method().equals(b.method())) continue;
                    String[] sa = a.template().substring(1).split("/", -1);
                    String[] sb = b.template().substring(1).split("/", -1);
                    if (!overlap(sa, sb)) continue;
                    String pair = a.method() + " " + a.template() + " ~ " + b.template();
                    ambiguous.add(pair);
                    if (!settledByReservedTenant(sa, sb)) unsettled.add(pair);
                }
            }
            assertThat(unsettled).as("ambiguous routes no reserved tenant id settles").isEmpty();
            // the two clashes of today (so that the check above is not vacuous)
            assertThat(ambiguous).contains(
                    "GET /api/v1/recommendations/user/{user_id} ~ /api/v1/recommendations/{tenant}/trending",
                    "GET /api/v1/recommendations/entity/{entity_id} ~ /api/v1/recommendations/{tenant}/trending");
        }
    }

    @Test
    void reservedIdsCannotBecomeTenantsAndBothRoutesAnswer() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            for (String reserved : ReservedTenantIds.ALL) {
                var refused = admin.post("/api/v1/tenants", Map.of("tenant_id", reserved));
                assertThat(refused.status()).as(reserved).isEqualTo(422);
                assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
                assertThat(refused.json().at("/error/message").asText())
                        .contains("tenant_id", "reserved", "entity, latest, popular, trending, user");
                // nor by a first write (tenants are created by their first write too)
                var write = admin.post("/api/v1/products/" + reserved, Map.of("entity_id", "p1", "attributes", Map.of("name", "P")));
                assertThat(write.status()).as(reserved + " " + write.body()).isEqualTo(422);
                assertThat(admin.post("/api/v1/interactions", Map.of("user_id", "u1", "entity_id", "p1", "interaction_type", "view"),
                        "X-Tenant-ID", reserved).status()).isEqualTo(422);
            }
            assertThat(admin.get("/api/v1/tenants").body()).doesNotContain("\"tenant_id\":\"user\"");
            // names that merely look alike are fine
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "users")).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "User")).status()).isEqualTo(201);

            // both sides of the clash answer: the main API's list of a user named "trending" (its envelope) …
            assertThat(admin.post("/api/v1/products/shop", Map.of("entity_id", "p1", "attributes", Map.of("name", "P"))).status()).isEqualTo(200);
            assertThat(admin.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "trending", "entity_id", "p1",
                    "interaction_type", "view")).status()).isEqualTo(201);
            var mainApi = admin.get("/api/v1/recommendations/user/trending?tenant_id=shop");
            assertThat(mainApi.status()).isEqualTo(200);
            assertThat(mainApi.json().get("user_id").asText()).isEqualTo("trending");
            assertThat(mainApi.json().has("recommendations")).isTrue();
            assertThat(admin.get("/api/v1/recommendations/entity/trending?tenant_id=shop").errorCode()).isEqualTo("ENTITY_NOT_FOUND");
            // … and a tenant's storefront list (the bare array)
            var storefront = admin.get("/api/v1/recommendations/shop/trending");
            assertThat(storefront.status()).isEqualTo(200);
            assertThat(storefront.json().isArray()).isTrue();
            assertThat(storefront.json().get(0).get("entity_id").asText()).isEqualTo("p1");
        }
    }

    @Test
    void aTenantCreatedBeforeTheReservationKeepsTakingWritesAndNoOtherIsCreated() {
        try (var store = Stores.open(StoreConfig.sqlite(dir))) {
            assertThat(store.createTenant(new Tenant("user", null, Timestamps.now()))).isTrue();
            var tenants = new KnownTenants(store);
            tenants.ensure("user");
            assertThatThrownBy(() -> tenants.ensure("entity")).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("tenant_id").hasMessageContaining("reserved");
            assertThat(store.tenant("entity")).isEmpty();
            tenants.ensure("shop");
            assertThat(store.tenant("shop")).isPresent();
        }
    }
}
