package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's data routes at the edge: paging and search, bounds, tenant confinement, assets. */
class DashboardApiTest {
    static final String ADMIN = "admin-key-for-dashboard-api-0123";
    @TempDir
    static Path dir;
    static RunningServer running;
    static HttpClientForTests admin;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        var entities = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 120; i++) {
            entities.add(Map.of("entity_id", (i % 2 == 0 ? "Shoe-" : "hat-") + i, "entity_type", i < 100 ? "product" : "article",
                    "attributes", Map.of("n", i)));
        }
        assertThat(admin.post("/api/v1/entities/bulk", Map.of("tenant_id", "shop", "entities", entities)).status()).isEqualTo(202);
        assertThat(admin.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "ann", "entity_id", "hat-1",
                "interaction_type", "view")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/interactions", Map.of("tenant_id", "other", "user_id", "bob", "entity_id", "x",
                "interaction_type", "view")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void entitiesArePagedAndSearchedFromTheModel() {
        var page = admin.get("/api/v1/dashboard/entities?limit=50&offset=100", "X-Tenant-ID", "shop").json();
        assertThat(page.get("total").asInt()).isEqualTo(120);
        assertThat(page.get("entities")).hasSize(20);
        var shoes = admin.get("/api/v1/dashboard/entities?q=shoe&entity_type=product&limit=200", "X-Tenant-ID", "shop").json();
        assertThat(shoes.get("total").asInt()).as("case-insensitive, one type").isEqualTo(50);
        var hat = admin.get("/api/v1/dashboard/entities?q=hat-1&limit=1", "X-Tenant-ID", "shop").json();
        assertThat(hat.at("/entities/0/entity_id").asText()).isEqualTo("hat-1");
        assertThat(hat.at("/entities/0/users").asInt()).isEqualTo(1);
        var users = admin.get("/api/v1/dashboard/users", "X-Tenant-ID", "shop").json();
        assertThat(users.get("total").asInt()).isEqualTo(1);
        assertThat(users.at("/users/0/user_id").asText()).isEqualTo("ann");
        for (String bad : List.of("limit=0", "limit=201", "offset=-1")) {
            var r = admin.get("/api/v1/dashboard/entities?" + bad, "X-Tenant-ID", "shop");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("INVALID_REQUEST");
        }
        assertThat(admin.get("/api/v1/dashboard/activity?days=91", "X-Tenant-ID", "shop").status()).isEqualTo(400);
        var activity = admin.get("/api/v1/dashboard/activity?days=3", "X-Tenant-ID", "shop").json();
        assertThat(activity.get("per_day")).hasSize(3);
        assertThat(activity.get("total").asInt()).isEqualTo(1);
        assertThat(activity.at("/by_type/view").asInt()).isEqualTo(1);
    }

    @Test
    void aTenantKeySeesOnlyItsTenant() {
        String key = admin.post("/api/v1/tenants/shop/keys", Map.of("name", "k")).json().get("key").asText();
        var who = running.http.get("/api/v1/dashboard/tenants", "Authorization", "Bearer " + key).json();
        assertThat(who.get("admin").asBoolean()).isFalse();
        assertThat(who.get("tenants")).hasSize(1);
        assertThat(who.at("/tenants/0/tenant_id").asText()).isEqualTo("shop");
        assertThat(running.http.get("/api/v1/dashboard/users", "Authorization", "Bearer " + key, "X-Tenant-ID", "other").status())
                .isEqualTo(403);
        var everyone = admin.get("/api/v1/dashboard/tenants").json();
        assertThat(everyone.get("admin").asBoolean()).isTrue();
        assertThat(everyone.get("tenants").findValuesAsText("tenant_id")).contains("shop", "other", "default");
        assertThat(running.http.get("/api/v1/dashboard/tenants").status()).as("no key").isEqualTo(401);
    }

    @Test
    void evaluationAnswersNotFoundBeforeAnyRunAndForATenantWithoutData() {
        assertThat(admin.get("/api/v1/dashboard/evaluations/latest", "X-Tenant-ID", "shop").status()).isEqualTo(404);
        var none = admin.post("/api/v1/dashboard/evaluations", Map.of("k", 10), "X-Tenant-ID", "nobody-here");
        assertThat(none.status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/dashboard/evaluations", Map.of("k", 0), "X-Tenant-ID", "shop").status()).isEqualTo(422);
    }

    @Test
    void assetsAreServedWithTheirTypesAndNothingElse() {
        var page = running.http.get("/dashboard");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Lodestone dashboard</title>");
        assertThat(running.http.get("/dashboard/app.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(running.http.get("/dashboard/app.css").header("Content-Type")).startsWith("text/css");
        var missing = running.http.get("/dashboard/secrets.txt");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
    }
}
