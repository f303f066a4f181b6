package dev.lodestone.server;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route agrees on the tenant a request acts on (the auth package's {@code ActingTenant}): a key of tenant A
 * naming tenant B — in the header, the query, the body, the path or a bulk item — is refused the same way on every
 * route and on the live socket, and the admin key files each bulk item under the tenant it names.
 */
class ActingTenantRoutesTest {
    static final String ADMIN = "admin-key-for-acting-tenant-tests";
    static final String OTHER_TENANT = "this API key belongs to another tenant";
    @TempDir
    static Path dir;
    static RunningServer running;
    static HttpClientForTests admin;
    static String secret;
    static String publishable;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "acme")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "globex")).status()).isEqualTo(201);
        secret = admin.post("/api/v1/tenants/acme/keys", Map.of()).json().get("key").asText();
        publishable = admin.post("/api/v1/tenants/acme/keys", Map.of("kind", "publishable",
                "allowed_origins", List.of("https://acme.example"))).json().get("key").asText();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** Each route a tenant key reaches, called as that key naming {@code tenant}; the path's tenant when it has one. */
    private static List<String> refusals(String key, String tenant, boolean storefrontOnly) {
        var http = running.http.withHeader("Authorization", "Bearer " + key);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Route route : running.server.routes()) {
            if (route.access() != Access.STOREFRONT && (storefrontOnly || route.access() != Access.TENANT)) continue;
            boolean inPath = route.template().contains("{tenant}");
            String path = route.template().replace("{tenant}", tenant).replaceAll("\\{[a-z_]+}", "x");
            Object body = route.method().equals("POST") || route.method().equals("PUT")
                    ? Map.of("entities", List.of(), "interactions", List.of(), "product_ids", List.of("x")) : null;
            var answer = inPath ? http.send(route.method(), path, body) : http.send(route.method(), path, body, "X-Tenant-ID", tenant);
            checked++;
            boolean refused = answer.status() == 403 && answer.errorCode().equals("FORBIDDEN")
                    && answer.json().at("/error/message").asText().equals(OTHER_TENANT);
            if (refused != !tenant.equals("acme")) wrong.add(route.method() + " " + route.template() + " -> " + answer.status() + " " + answer.body());
        }
        assertThat(checked).as("routes checked").isGreaterThan(storefrontOnly ? 6 : 30);
        return wrong;
    }

    @Test
    void aSecretKeyNamingAnotherTenantIsRefusedAlikeOnEveryRoute() {
        assertThat(refusals(secret, "globex", false)).isEmpty();
        // "default" is another tenant too
        assertThat(refusals(secret, "default", false)).isEmpty();
    }

    @Test
    void aSecretKeyNamingItsOwnTenantIsNeverRefusedForIt() {
        assertThat(refusals(secret, "acme", false)).isEmpty();
    }

    @Test
    void aPublishableKeyNamingAnotherTenantIsRefusedAlikeOnItsRoutes() {
        assertThat(refusals(publishable, "globex", true)).isEmpty();
        assertThat(refusals(publishable, "acme", true)).isEmpty();
    }

    @Test
    void theQueryAndTheBodyNameTheTenantLikeTheHeader() {
        var acme = running.http.withHeader("Authorization", "Bearer " + secret);
        assertThat(acme.get("/api/v1/recommendations/popular?tenant_id=globex").json().at("/error/message").asText()).isEqualTo(OTHER_TENANT);
        assertThat(acme.post("/api/v1/entities", Map.of("tenant_id", "globex", "entity_id", "e", "entity_type", "p",
                "attributes", Map.of("a", 1))).json().at("/error/message").asText()).isEqualTo(OTHER_TENANT);
        assertThat(acme.post("/api/v1/entities", Map.of("entity_id", "e", "entity_type", "p", "attributes", Map.of("a", 1)))
                .json().get("tenant_id").asText()).isEqualTo("acme");
    }

    @Test
    void theLiveSocketFollowsTheSameRule() {
        assertThat(LiveSocketForTests.refusal(running.port(), "api_key=" + secret + "&tenant_id=globex")).isEqualTo("FORBIDDEN 4403");
        try (var live = LiveSocketForTests.connect(running.port(), "api_key=" + secret + "&tenant_id=acme")) {
            live.subscribe("p1");
        }
    }

    @Test
    void aTenantKeysBulkItemNamingAnotherTenantRefusesTheRequestAndWritesNothing() {
        var acme = running.http.withHeader("Authorization", "Bearer " + secret);
        var answer = acme.post("/api/v1/entities/bulk", Map.of("entities", List.of(
                Map.of("entity_id", "b1", "entity_type", "p", "attributes", Map.of("a", 1)),
                Map.of("tenant_id", "globex", "entity_id", "b2", "entity_type", "p", "attributes", Map.of("a", 1)))));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/error/message").asText()).startsWith("entities[1].tenant_id: names another tenant");
        assertThat(admin.get("/api/v1/entities/b1?tenant_id=acme").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/entities/b2?tenant_id=globex").status()).isEqualTo(404);
        var interactions = acme.post("/api/v1/interactions/bulk", Map.of("interactions", List.of(
                Map.of("tenant_id", "globex", "user_id", "u", "entity_id", "b2", "interaction_type", "view"))));
        assertThat(interactions.status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/interactions/user/u?tenant_id=globex").json()).isEmpty();
    }

    @Test
    void theAdminsBulkItemsGoToTheTenantEachNames() {
        var answer = admin.post("/api/v1/entities/bulk", Map.of("tenant_id", "acme", "entities", List.of(
                Map.of("entity_id", "c1", "entity_type", "p", "attributes", Map.of("a", 1)),
                Map.of("tenant_id", "globex", "entity_id", "c2", "entity_type", "p", "attributes", Map.of("a", 1)))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(admin.get("/api/v1/entities/c1?tenant_id=acme").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/entities/c2?tenant_id=globex").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/entities/c2?tenant_id=acme").status()).isEqualTo(404);
        // without any tenant named, the default tenant
        admin.post("/api/v1/entities", Map.of("entity_id", "d1", "entity_type", "p", "attributes", Map.of("a", 1)));
        assertThat(admin.get("/api/v1/entities/d1?tenant_id=default").status()).isEqualTo(200);
    }
}
