package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The WordPress/WooCommerce plugin's and the Shopify app's calls, as STOREFRONT.md lists them, on both stores. */
class PluginRoutesTest {
    static final String ADMIN = "admin-key-for-plugin-tests-01234";

    @TempDir
    Path dir;

    static final String ORDER = """
            {"tenant_id": "shop", "user_id": "guest_ann@example.com", "order_id": 1001,
             "items": [{"entity_id": 123, "quantity": 2, "price": "19.99"}, {"entity_id": "shopify_9", "quantity": 1, "price": 5}],
             "total": 44.98, "timestamp": "2026-11-30T10:00:00Z"}""";

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void productSyncOrdersAndSettingsCheck(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
            String key = admin.post("/api/v1/tenants/shop/keys", Map.of("name", "wordpress")).json().get("key").asText();
            var plugin = running.http.withHeader("Authorization", "Bearer " + key);

            // the settings page's credential check: any 2xx is "connected", even for a shop with no data yet
            var check = plugin.get("/api/v1/recommendations/shop/trending?count=1");
            assertThat(check.status()).isEqualTo(200);
            assertThat(running.http.get("/api/v1/recommendations/shop/trending?count=1", "Authorization", "Bearer wrong").status()).isEqualTo(401);

            // WooCommerce: a numeric id, comma-separated categories, no entity_type
            var woo = plugin.post("/api/v1/products/shop", """
                    {"entity_id": 123, "attributes": {"name": "Hoodie", "price": 19.99, "category": "Clothing, Hoodies",
                     "stock": 3, "rating": 4.5, "review_count": 12, "tags": ["warm"], "url": "https://shop.example/hoodie"}}""");
            assertThat(woo.status()).as(woo.body()).isEqualTo(200);
            assertThat(woo.json().get("entity_id").asText()).isEqualTo("123");
            assertThat(woo.json().get("entity_type").asText()).isEqualTo("product");
            // Shopify: a prefixed string id, inventory and vendor
            assertThat(plugin.post("/api/v1/products/shop", Map.of("entity_id", "shopify_9", "attributes",
                    Map.of("name", "Cap", "price", 5, "inventory", 10, "vendor", "Acme"))).status()).isEqualTo(200);
            // what a shop does not track comes as null (stock without stock management, a product without an image):
            // left out, not a reason to refuse the product
            var unmanaged = plugin.post("/api/v1/products/shop", """
                    {"entity_id": 124, "attributes": {"name": "Scarf", "price": "9.90", "stock": null, "image_url": null}}""");
            assertThat(unmanaged.status()).as(unmanaged.body()).isEqualTo(200);
            assertThat(unmanaged.json().get("attributes").has("stock")).isFalse();
            assertThat(unmanaged.json().get("attributes").has("image_url")).isFalse();
            assertThat(unmanaged.json().at("/attributes/name").asText()).isEqualTo("Scarf");
            assertThat(plugin.post("/api/v1/products/shop", "{\"entity_id\": 125, \"attributes\": {\"stock\": null}}").errorCode())
                    .isEqualTo("VALIDATION_ERROR");
            // upsert again: replaced, not 409
            var changed = plugin.post("/api/v1/products/shop", "{\"entity_id\": 123, \"attributes\": {\"name\": \"Hoodie\", \"price\": 17.5}}");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(plugin.get("/api/v1/entities/123").json().at("/attributes/price").decimalValue()).isEqualByComparingTo("17.5");
            assertThat(plugin.post("/api/v1/products/shop", "{\"entity_id\": 1.5, \"attributes\": {\"a\": 1}}").errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(plugin.post("/api/v1/products/shop", "{\"entity_id\": 7}").errorCode()).isEqualTo("VALIDATION_ERROR");

            // an order: one purchase per item, in one transaction
            var order = plugin.post("/api/v1/interactions", ORDER);
            assertThat(order.status()).as(order.body()).isEqualTo(201);
            JsonNode items = order.json().get("interactions");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).get("interaction_type").asText()).isEqualTo("purchase");
            assertThat(items.get(0).get("entity_id").asText()).isEqualTo("123");
            assertThat(items.get(0).get("entity_type").asText()).isEqualTo("product");
            assertThat(items.get(0).at("/metadata/order_id").asText()).isEqualTo("1001");
            assertThat(items.get(0).at("/metadata/quantity").asInt()).isEqualTo(2);
            assertThat(order.header("Idempotent-Replayed")).isNull();
            // the webhook is retried: the same order, not a second one
            var retry = plugin.post("/api/v1/interactions", ORDER);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.json().at("/interactions/0/id")).isEqualTo(items.get(0).get("id"));
            assertThat(plugin.get("/api/v1/interactions/user/guest_ann@example.com").json()).hasSize(2);

            // one bad item fails the whole order and stores nothing
            var bad = plugin.post("/api/v1/interactions", """
                    {"user_id": "user_7", "order_id": "A-2", "items": [{"entity_id": 123}, {"entity_id": 9, "quantity": 0}]}""");
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().at("/error/message").asText()).contains("items[1].quantity");
            assertThat(plugin.get("/api/v1/interactions/user/user_7").json()).isEmpty();
            assertThat(plugin.post("/api/v1/interactions", "{\"user_id\": \"u\", \"order_id\": \"A-3\"}").errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(plugin.post("/api/v1/interactions", "{\"user_id\": \"u\", \"order_id\": \"A-4\", \"items\": [{\"entity_id\": 1}], \"total\": \"lots\"}")
                    .errorCode()).isEqualTo("VALIDATION_ERROR");

            // the order is a basket: its products complement each other
            assertThat(StorefrontReadTest.ids(plugin.get("/api/v1/recommendations/shop/complement/123?count=1"))).containsExactly("shopify_9");

            // product removed from the shop; removing it again is fine too
            assertThat(plugin.delete("/api/v1/products/shop/shopify_9").status()).isEqualTo(204);
            assertThat(plugin.get("/api/v1/entities/shopify_9").status()).isEqualTo(404);
            assertThat(plugin.delete("/api/v1/products/shop/shopify_9").status()).isEqualTo(204);
            assertThat(StorefrontReadTest.ids(plugin.get("/api/v1/recommendations/shop/complement/123?count=5"))).doesNotContain("shopify_9");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void widgetInteractionsWithEpochTimestampsAreAccepted(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir)) {
            var events = new ArrayList<JsonNode>();
            for (String type : List.of("impression", "click", "view", "add_to_cart")) {
                var r = running.http.post("/api/v1/interactions", Map.of("tenant_id", "default", "user_id", "anon_1",
                        "entity_id", "sku-1", "interaction_type", type, "metadata", Map.of("widget", "similar"),
                        "timestamp", 1_764_000_000_000L));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                events.add(r.json());
            }
            assertThat(events.getFirst().get("timestamp").asText()).startsWith("2025-11-24T");
        }
    }
}
