package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /ws/activity: counts on subscribe, pushes on change (also of another node's writes), limits and keys. */
class LiveActivityTest {
    @TempDir
    Path dir;

    private static void interact(RunningServer s, String user, String product, String type) {
        var r = s.http.post("/api/v1/interactions", Map.of("user_id", user, "entity_id", product, "entity_type", "product",
                "interaction_type", type));
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void subscribingAnswersTheCountsAndChangesArePushed() throws InterruptedException {
        // Short HTTP timeouts: a live socket whose client sends nothing must outlive them.
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("HTTP_IDLE_TIMEOUT_SECS", "1",
                "HTTP_HEADER_TIMEOUT_SECS", "1", "HTTP_READ_TIMEOUT_SECS", "1"))) {
            interact(s, "u1", "p1", "view");
            interact(s, "u2", "p1", "view");
            interact(s, "u2", "p1", "add_to_cart");
            interact(s, "u3", "p1", "purchase");
            interact(s, "u4", "p1", "impression");
            interact(s, "u1", "p2", "view");
            try (var live = LiveSocketForTests.connect(s.port(), null)) {
                live.subscribe("p1");
                JsonNode first = live.awaitActivity("p1", m -> true);
                // An impression is not someone looking at the product.
                assertThat(first.get("viewingNow").asInt()).isEqualTo(3);
                assertThat(first.get("recentViews").asInt()).isEqualTo(2);
                assertThat(first.get("addedToCart").asInt()).isEqualTo(1);
                assertThat(first.get("recentSales").asInt()).isEqualTo(1);
                assertThat(first.get("timestamp").isIntegralNumber()).isTrue();

                Thread.sleep(2_500);
                interact(s, "u5", "p1", "view");
                interact(s, "u5", "p1", "purchase");
                JsonNode pushed = live.awaitActivity("p1", m -> m.get("recentSales").asInt() == 2);
                assertThat(pushed.get("viewingNow").asInt()).isEqualTo(4);
                assertThat(pushed.get("recentViews").asInt()).isEqualTo(3);

                // Unsubscribed products are not pushed; a number is a valid product id too.
                live.send("{\"type\":\"unsubscribe\",\"productId\":\"p1\"}");
                live.send("{\"type\":\"subscribe\",\"productId\":42}");
                live.awaitActivity("42", m -> m.get("viewingNow").asInt() == 0);
                interact(s, "u6", "p1", "view");
                interact(s, "u6", "42", "view");
                JsonNode next = live.await(m -> m.path("type").asText().equals("activity"));
                assertThat(next.get("productId").asText()).isEqualTo("42");
            }
        }
    }

    @Test
    void anotherNodesWritesArePushedThroughTheChangeFeed() {
        var config = StoreKind.POSTGRESQL.freshConfig(null);
        try (var a = RunningServer.start(config, Map.of()); var b = RunningServer.start(config, Map.of());
             var live = LiveSocketForTests.connect(a.port(), null)) {
            live.subscribe("sku-9");
            live.awaitActivity("sku-9", m -> m.get("viewingNow").asInt() == 0);
            interact(b, "shopper-1", "sku-9", "add_to_cart");
            JsonNode pushed = live.awaitActivity("sku-9", m -> m.get("addedToCart").asInt() == 1);
            assertThat(pushed.get("viewingNow").asInt()).isEqualTo(1);
        } finally {
            StoreKind.dropSchema(config);
        }
    }

    @Test
    void badMessagesAreAnsweredAndSubscriptionsAreBounded() {
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", "2"));
             var live = LiveSocketForTests.connect(s.port(), null)) {
            live.send("not json");
            assertThat(live.await(m -> m.path("type").asText().equals("error")).get("code").asText()).isEqualTo("INVALID_JSON");
            live.send("{\"type\":\"subscribe\"}");
            assertThat(live.await(m -> m.path("type").asText().equals("error")).get("code").asText()).isEqualTo("VALIDATION_ERROR");
            live.send("{\"type\":\"dance\",\"productId\":\"p\"}");
            assertThat(live.await(m -> m.path("type").asText().equals("error")).get("code").asText()).isEqualTo("VALIDATION_ERROR");
            live.subscribe("a");
            live.subscribe("b");
            live.subscribe("c");
            assertThat(live.await(m -> m.path("type").asText().equals("error")).get("code").asText()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
            // Still open, and a freed slot can be used again.
            live.send("{\"type\":\"unsubscribe\",\"productId\":\"a\"}");
            live.subscribe("c");
            live.awaitActivity("c", m -> true);
        }
    }

    @Test
    void connectionsNeedAKeyAndAreBoundedPerKey() {
        String admin = "admin-key-0123456789";
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", admin, "LIVE_MAX_CONNECTIONS_PER_KEY", "1"))) {
            var adminHttp = s.http.withHeader("Authorization", "Bearer " + admin);
            assertThat(adminHttp.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
            String key = adminHttp.post("/api/v1/tenants/shop/keys", Map.of("name", "web")).json().get("key").asText();

            // Browsers see close codes only: 4000 + the HTTP status, after an error message.
            assertThat(LiveSocketForTests.refusal(s.port(), null)).isEqualTo("UNAUTHORIZED 4401");
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=wrong")).isEqualTo("UNAUTHORIZED 4401");
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=" + key + "&tenant_id=other")).isEqualTo("FORBIDDEN 4403");
            // A plain request is told what the path is.
            assertThat(s.http.get("/ws/activity").status()).isEqualTo(426);

            // The tenant key's interactions are its tenant's; the second socket of the key is refused.
            var shop = s.http.withHeader("Authorization", "Bearer " + key);
            assertThat(shop.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "p", "interaction_type", "view")).status()).isEqualTo(201);
            try (var live = LiveSocketForTests.connect(s.port(), "api_key=" + key)) {
                live.subscribe("p");
                assertThat(live.awaitActivity("p", m -> true).get("recentViews").asInt()).isEqualTo(1);
                assertThat(LiveSocketForTests.refusal(s.port(), "api_key=" + key)).isEqualTo("TOO_MANY_CONNECTIONS 4429");
            }
            // Closing gives the slot back (the server learns of the close asynchronously).
            long deadline = System.nanoTime() + 10_000_000_000L;
            String answer;
            do {
                try (var live = LiveSocketForTests.connect(s.port(), "api_key=" + key)) {
                    live.subscribe("p");
                    answer = live.await(m -> true).path("type").asText();
                } catch (java.util.concurrent.CompletionException refusedBeforeTheSubscribe) {
                    answer = "error";
                }
            } while (answer.equals("error") && System.nanoTime() < deadline);
            assertThat(answer).isEqualTo("activity");
        }
    }

    @Test
    void aPublishableKeyOrAnAllowedOriginOpensTheSocketOfItsTenant() {
        String admin = "admin-key-0123456789";
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", admin))) {
            var adminHttp = s.http.withHeader("Authorization", "Bearer " + admin);
            assertThat(adminHttp.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
            var created = adminHttp.post("/api/v1/tenants/shop/keys", Map.of("name", "storefront", "kind", "publishable",
                    "allowed_origins", java.util.List.of("https://shop.example")));
            assertThat(created.status()).isEqualTo(201);
            String pk = created.json().get("key").asText();
            assertThat(adminHttp.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "u", "entity_id", "p",
                    "interaction_type", "view")).status()).isEqualTo(201);

            try (var live = LiveSocketForTests.connect(s.port(), "api_key=" + pk, "https://shop.example")) {
                live.subscribe("p");
                assertThat(live.awaitActivity("p", m -> true).get("recentViews").asInt()).isEqualTo(1);
            }
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=" + pk, "https://evil.example")).isEqualTo("ORIGIN_NOT_ALLOWED 4403");
            // The old widget opens the socket with no key: the page's origin names the tenant.
            try (var live = LiveSocketForTests.connect(s.port(), null, "https://shop.example")) {
                live.subscribe("p");
                assertThat(live.awaitActivity("p", m -> true).get("recentViews").asInt()).isEqualTo(1);
            }
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=undefined", "https://evil.example")).isEqualTo("UNAUTHORIZED 4401");
        }
    }
    @Test
    void badKeysOnTheSocketSpendTheAddressBudgetOfHttpAndThenTheUpgradeIs429() {
        String admin = "admin-key-0123456789";
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", admin, "AUTH_FAILURES_PER_MINUTE", "4"))) {
            var adminHttp = s.http.withHeader("Authorization", "Bearer " + admin);
            assertThat(adminHttp.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
            String pk = adminHttp.post("/api/v1/tenants/shop/keys", Map.of("kind", "publishable",
                    "allowed_origins", java.util.List.of("https://shop.example"))).json().get("key").asText();

            // each a failed authentication from 127.0.0.1: an invalid key, no key, a key-less page no key allows …
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=pk_guessed")).isEqualTo("UNAUTHORIZED 4401");
            assertThat(LiveSocketForTests.refusal(s.port(), null)).isEqualTo("UNAUTHORIZED 4401");
            assertThat(LiveSocketForTests.refusal(s.port(), null, "https://evil.example")).isEqualTo("UNAUTHORIZED 4401");
            // … and one over HTTP: the same budget
            assertThat(s.http.get("/api/v1/interaction-types", "X-API-Key", "guessed").status()).isEqualTo(401);

            // spent: the upgrade itself is refused with 429, before any lookup; and HTTP is 429 too
            for (String query : new String[] {"api_key=pk_guessed2", null}) {
                var refused = org.assertj.core.api.Assertions.catchThrowable(() -> LiveSocketForTests.connect(s.port(), query));
                assertThat(refused).as(String.valueOf(query)).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
                var response = ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse();
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(s.http.get("/api/v1/interaction-types", "X-API-Key", "guessed").status()).isEqualTo(429);

            // a valid key from the same address is never charged: its socket opens
            assertThat(adminHttp.post("/api/v1/interactions", Map.of("tenant_id", "shop", "user_id", "u", "entity_id", "p",
                    "interaction_type", "view")).status()).isEqualTo(201);
            try (var live = LiveSocketForTests.connect(s.port(), "api_key=" + pk, "https://shop.example")) {
                live.subscribe("p");
                assertThat(live.awaitActivity("p", m -> true).get("recentViews").asInt()).isEqualTo(1);
            }
        }
    }
    @Test
    void behindATrustedProxyEachClientAddressHasItsOwnSocketBudget() {
        String admin = "admin-key-0123456789";
        try (var s = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", admin, "AUTH_FAILURES_PER_MINUTE", "2",
                "TRUSTED_PROXIES", "127.0.0.1"))) {
            String[] guesser = {"X-Forwarded-For", "203.0.113.7"};
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=guess1", null, guesser)).isEqualTo("UNAUTHORIZED 4401");
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=guess2", null, guesser)).isEqualTo("UNAUTHORIZED 4401");
            var refused = org.assertj.core.api.Assertions.catchThrowable(() -> LiveSocketForTests.connect(s.port(), "api_key=guess3", null, guesser));
            assertThat(refused).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(429);
            // another shopper behind the same proxy is not held back by the guesser
            assertThat(LiveSocketForTests.refusal(s.port(), "api_key=typo", null, "X-Forwarded-For", "198.51.100.4")).isEqualTo("UNAUTHORIZED 4401");
        }
    }
}
