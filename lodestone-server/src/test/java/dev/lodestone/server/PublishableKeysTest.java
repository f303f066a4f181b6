package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishable keys reach the storefront routes from their origins, and nothing else. */
class PublishableKeysTest {
    static final String ADMIN = "admin-key-for-publishable-tests-0";
    static final String SHOP = "https://shop.example";

    @TempDir
    Path dir;

    record Keys(String publishable, String secret, String publishableId) {
    }

    static Keys keys(HttpClientForTests admin) {
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "other")).status()).isEqualTo(201);
        var pk = admin.post("/api/v1/tenants/shop/keys", Map.of("name", "storefront", "kind", "publishable",
                "allowed_origins", List.of(SHOP, "http://localhost:3000/")));
        assertThat(pk.status()).as(pk.body()).isEqualTo(201);
        assertThat(pk.json().get("key").asText()).startsWith("pk_");
        assertThat(pk.json().get("kind").asText()).isEqualTo("publishable");
        assertThat(pk.json().get("allowed_origins")).hasSize(2);
        assertThat(pk.json().at("/allowed_origins/1").asText()).isEqualTo("http://localhost:3000");
        var sk = admin.post("/api/v1/tenants/shop/keys", Map.of("name", "server"));
        assertThat(sk.json().get("kind").asText()).isEqualTo("secret");
        return new Keys(pk.json().get("key").asText(), sk.json().get("key").asText(), pk.json().get("key_id").asText());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void publishableKeysReachOnlyTheStorefront(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            Keys keys = keys(admin);
            var secret = running.http.withHeader("Authorization", "Bearer " + keys.secret());
            assertThat(secret.post("/api/v1/products/shop", Map.of("entity_id", "p1", "attributes", Map.of("name", "P1"))).status()).isEqualTo(200);
            var browser = running.http.withHeader("Authorization", "Bearer " + keys.publishable()).withHeader("Origin", SHOP);

            // what a shop page needs
            for (String path : List.of("/trending?count=2", "/similar/p1", "/personalized/anon_1", "/complement/p1")) {
                var r = browser.get("/api/v1/recommendations/shop" + path);
                assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            }
            assertThat(browser.post("/api/v1/recommendations/shop/bundle", Map.of("product_ids", List.of("p1"))).status()).isEqualTo(200);
            assertThat(browser.post("/api/v1/recommendations/shop/batch", Map.of("product_ids", List.of("p1"))).status()).isEqualTo(200);
            for (String type : List.of("impression", "click", "view", "add_to_cart")) {
                var r = browser.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "anon_1", "entity_id", "p1",
                        "interaction_type", type));
                assertThat(r.status()).as(type + " " + r.body()).isEqualTo(201);
            }
            // without Origin (not a browser's cross-site call) the same scope holds
            assertThat(running.http.get("/api/v1/recommendations/shop/trending", "Authorization", "Bearer " + keys.publishable()).status()).isEqualTo(200);

            // faked orders, weights and purchases
            assertThat(browser.post("/api/v1/interactions", Map.of("user_id", "anon_1", "entity_id", "p1",
                    "interaction_type", "purchase")).errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(browser.post("/api/v1/interactions", Map.of("user_id", "anon_1", "entity_id", "p1",
                    "interaction_type", "view", "weight", 100)).errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(browser.post("/api/v1/interactions", Map.of("user_id", "anon_1", "order_id", "o1",
                    "items", List.of(Map.of("entity_id", "p1")))).errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(secret.get("/api/v1/interactions/user/anon_1").json()).hasSize(4);

            // history, export, catalogue, admin and the main API: all 403, whatever the origin
            for (String path : List.of("/api/v1/interactions/user/anon_1", "/api/v1/interactions/entity/p1",
                    "/api/v1/export/entities", "/api/v1/export/interactions", "/api/v1/export/users", "/api/v1/entities/p1",
                    "/api/v1/interaction-types", "/api/v1/recommendations/user/anon_1", "/api/v1/recommendations/trending",
                    "/api/v1/tenants", "/api/v1/tenants/shop/keys", "/api/config")) {
                var r = browser.get(path);
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.body()).as(path).doesNotContain("anon_1\",\"entity");
            }
            assertThat(browser.post("/api/v1/interactions/bulk", Map.of("interactions", List.of())).status()).isEqualTo(403);
            assertThat(browser.post("/api/v1/products/shop", Map.of("entity_id", "x", "attributes", Map.of("a", 1))).status()).isEqualTo(403);
            assertThat(browser.delete("/api/v1/products/shop/p1").status()).isEqualTo(403);
            assertThat(browser.post("/api/v1/entities", Map.of("entity_id", "x", "entity_type", "p", "attributes", Map.of("a", 1))).status()).isEqualTo(403);
            assertThat(browser.post("/api/v1/tenants/shop/keys", Map.of()).status()).isEqualTo(403);
            assertThat(browser.delete("/api/v1/tenants/shop/keys/" + keys.publishableId()).status()).isEqualTo(403);
            // another tenant's storefront
            assertThat(browser.get("/api/v1/recommendations/other/trending").status()).isEqualTo(403);
            assertThat(browser.post("/api/v1/interactions", Map.of("tenant_id", "other", "user_id", "a", "entity_id", "p1",
                    "interaction_type", "view")).status()).isEqualTo(403);

            // CORS per key: another site's page cannot use the key, and gets no CORS headers
            var evil = running.http.get("/api/v1/recommendations/shop/trending", "Authorization", "Bearer " + keys.publishable(),
                    "Origin", "https://evil.example");
            assertThat(evil.errorCode()).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
            var preflight = running.http.send("OPTIONS", "/api/v1/recommendations/shop/trending", null,
                    "Origin", "http://localhost:3000", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "authorization");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
            assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
            assertThat(running.http.send("OPTIONS", "/api/v1/recommendations/shop/trending", null,
                    "Origin", "https://evil.example", "Access-Control-Request-Method", "GET").status()).isEqualTo(403);
            // a secret key on a page of an allowed origin gets no CORS headers from the publishable key's origins
            assertThat(secret.get("/api/v1/recommendations/shop/trending", "Origin", SHOP).header("Access-Control-Allow-Origin")).isNull();

            // revoked: at once
            assertThat(admin.get("/api/v1/tenants/shop/keys").body()).contains("\"kind\":\"publishable\"");
            assertThat(admin.delete("/api/v1/tenants/shop/keys/" + keys.publishableId()).status()).isEqualTo(204);
            assertThat(browser.get("/api/v1/recommendations/shop/trending").status()).isEqualTo(401);
        }
    }

    @Test
    void purchasesFromBrowsersAreAPerKeyOptInThatIsOffByDefault() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            Keys keys = keys(admin);
            var purchase = Map.of("user_id", "anon_1", "entity_id", "p1", "interaction_type", "purchase");
            var order = Map.of("user_id", "anon_1", "order_id", "o1", "items", List.of(Map.of("entity_id", "p1"), Map.of("entity_id", "p2")));

            // off by default: 403 naming the opt-in
            var browser = running.http.withHeader("Authorization", "Bearer " + keys.publishable()).withHeader("Origin", SHOP);
            var refused = browser.post("/api/v1/interactions", purchase);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(refused.json().at("/error/message").asText()).contains("\"allow_purchases\": true");
            assertThat(refused.json().at("/error/details/opt_in").asText()).isEqualTo("allow_purchases");
            assertThat(browser.post("/api/v1/interactions", order).json().at("/error/details/opt_in").asText()).isEqualTo("allow_purchases");
            assertThat(admin.get("/api/v1/tenants/shop/keys").json().at("/keys/0/allow_purchases").asBoolean(true)).isFalse();

            // a key created with the opt-in records purchases and orders from the browser
            var created = admin.post("/api/v1/tenants/shop/keys", Map.of("kind", "publishable", "allowed_origins", List.of(SHOP),
                    "allow_purchases", true));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("allow_purchases").asBoolean()).isTrue();
            var buying = running.http.withHeader("Authorization", "Bearer " + created.json().get("key").asText()).withHeader("Origin", SHOP);
            assertThat(buying.post("/api/v1/interactions", purchase).status()).isEqualTo(201);
            var recorded = buying.post("/api/v1/interactions", order);
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
            assertThat(recorded.json().get("interactions")).hasSize(2);
            // still no weights, no other tenant, no types outside the browser's and purchase
            assertThat(buying.post("/api/v1/interactions", Map.of("user_id", "anon_1", "entity_id", "p1",
                    "interaction_type", "purchase", "weight", 50)).errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(buying.post("/api/v1/interactions", Map.of("user_id", "anon_1", "entity_id", "p1",
                    "interaction_type", "rating")).errorCode()).isEqualTo("PUBLISHABLE_KEY_SCOPE");
            assertThat(buying.post("/api/v1/interactions", Map.of("tenant_id", "other", "user_id", "anon_1", "entity_id", "p1",
                    "interaction_type", "purchase")).status()).isEqualTo(403);
            assertThat(running.http.get("/api/v1/interactions/user/anon_1", "Authorization", "Bearer " + keys.secret()).json()).hasSize(3);

            // the opt-in is for publishable keys only, and a boolean
            assertThat(admin.post("/api/v1/tenants/shop/keys", Map.of("allow_purchases", true)).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(admin.post("/api/v1/tenants/shop/keys", Map.of("kind", "publishable", "allowed_origins", List.of(SHOP),
                    "allow_purchases", "yes")).errorCode()).isEqualTo("VALIDATION_ERROR");
        }
        // the opt-in survives a restart (stored with the key)
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            assertThat(admin.get("/api/v1/tenants/shop/keys").body()).contains("\"allow_purchases\":true", "\"allow_purchases\":false");
        }
    }

    @Test
    void keyCreationValidatesKindAndOrigins() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            admin.post("/api/v1/tenants", Map.of("tenant_id", "shop"));
            String keys = "/api/v1/tenants/shop/keys";
            assertThat(admin.post(keys, Map.of("kind", "publishable")).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(admin.post(keys, Map.of("kind", "publishable", "allowed_origins", List.of())).errorCode()).isEqualTo("VALIDATION_ERROR");
            for (String bad : List.of("shop.example", "ftp://shop.example", "https://shop.example/path", "https://user@shop.example", "*")) {
                assertThat(admin.post(keys, Map.of("kind", "publishable", "allowed_origins", List.of(bad))).errorCode()).as(bad).isEqualTo("VALIDATION_ERROR");
            }
            assertThat(admin.post(keys, Map.of("kind", "secret", "allowed_origins", List.of("https://a.example"))).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(admin.post(keys, Map.of("kind", "master")).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(admin.post(keys, Map.of("kind", "publishable", "allowed_origins", List.of("https://Shop.Example:8443"))).status()).isEqualTo(201);
        }
    }

    @Test
    void publishableKeysAreLimitedPerClientAddressAndPerKey() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN,
                "PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", "3", "PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", "1000"))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            Keys keys = keys(admin);
            var browser = running.http.withHeader("Authorization", "Bearer " + keys.publishable()).withHeader("Origin", SHOP);
            for (int i = 0; i < 3; i++) assertThat(browser.get("/api/v1/recommendations/shop/trending").status()).isEqualTo(200);
            var limited = browser.get("/api/v1/recommendations/shop/trending");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            // the browser can read the 429 (CORS headers on errors too)
            assertThat(limited.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            // the shop's server, with its secret key, is not held back by its shoppers' limits
            assertThat(running.http.get("/api/v1/recommendations/shop/trending", "Authorization", "Bearer " + keys.secret()).status()).isEqualTo(200);
        }
        try (var running = RunningServer.start(StoreKind.SQLITE, dir.resolve("b"), Map.of("API_KEY", ADMIN,
                "PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", "1000", "PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", "2"))) {
            Keys keys = keys(running.http.withHeader("Authorization", "Bearer " + ADMIN));
            var browser = running.http.withHeader("Authorization", "Bearer " + keys.publishable());
            for (int i = 0; i < 2; i++) assertThat(browser.get("/api/v1/recommendations/shop/trending").status()).isEqualTo(200);
            assertThat(browser.get("/api/v1/recommendations/shop/trending").status()).isEqualTo(429);
        }
    }
}
