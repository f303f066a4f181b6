package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget's read routes, as STOREFRONT.md lists them: bare product arrays, the tenant in the path, on both stores. */
class StorefrontReadTest {
    static final String ADMIN = "admin-key-for-storefront-0123456";

    @TempDir
    Path dir;

    static List<String> ids(HttpClientForTests.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().isArray()).as(r.body()).isTrue();
        List<String> out = new ArrayList<>();
        r.json().forEach(p -> out.add(p.get("entity_id").asText()));
        return out;
    }

    /** A small shop: phones bought with cases and chargers, socks in every order, shoes in two categories. */
    static void seed(HttpClientForTests shop) {
        List<Map<String, Object>> products = new ArrayList<>();
        products.add(product("phone", "Phone", 499, "phones"));
        products.add(product("case", "Case", 19, "accessories"));
        products.add(product("charger", "Charger", 29, "accessories"));
        products.add(product("socks", "Socks", 5, "clothing"));
        products.add(product("trail", "Trail shoe", 89, "Shoes, Running"));
        products.add(product("boot", "Boot", 120, "shoes"));
        products.add(product("123", "Numbered", 1, "misc"));
        for (int k = 0; k < 6; k++) products.add(product("misc" + k, "Misc " + k, 3, "misc"));
        assertThat(shop.post("/api/v1/entities/bulk", Map.of("entities", products)).status()).isEqualTo(202);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            List<String> basket = new ArrayList<>(List.of("phone", u < 5 ? "case" : "charger", "socks"));
            for (String item : basket) events.add(purchase("c" + u, item, "o" + u));
        }
        for (int u = 8; u < 14; u++) {
            events.add(purchase("c" + u, "socks", "o" + u));
            events.add(purchase("c" + u, "misc" + (u - 8), "o" + u));
        }
        for (int u = 0; u < 5; u++) events.add(Map.of("user_id", "v" + u, "entity_id", "trail", "interaction_type", "view"));
        assertThat(shop.post("/api/v1/interactions/bulk", Map.of("interactions", events)).json().get("successful").asInt())
                .isEqualTo(events.size());
    }

    static Map<String, Object> product(String id, String name, int price, String category) {
        return Map.of("entity_id", id, "entity_type", "product",
                "attributes", Map.of("name", name, "price", price, "category", category, "url", "https://shop.example/" + id));
    }

    static Map<String, Object> purchase(String user, String item, String order) {
        return Map.of("user_id", user, "entity_id", item, "interaction_type", "purchase", "metadata", Map.of("order_id", order));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void widgetReadsAnswerBareProductArrays(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "shop")).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "other")).status()).isEqualTo(201);
            String key = admin.post("/api/v1/tenants/shop/keys", Map.of("name", "server")).json().get("key").asText();
            var shop = running.http.withHeader("Authorization", "Bearer " + key);
            seed(shop);
            String base = "/api/v1/recommendations/shop";

            var similar = shop.get(base + "/similar/phone?count=3");
            assertThat(ids(similar)).hasSize(3).doesNotContain("phone");
            JsonNode first = similar.json().get(0);
            assertThat(first.get("score").isNumber()).isTrue();
            assertThat(first.at("/attributes/name").isTextual()).isTrue();
            assertThat(first.at("/attributes/url").asText()).startsWith("https://shop.example/");
            // a product the shop has not synced yet still gets a list
            assertThat(ids(shop.get(base + "/similar/not-synced-yet?count=2"))).hasSize(2);

            assertThat(ids(shop.get(base + "/trending?count=3"))).first().isEqualTo("socks");
            assertThat(ids(shop.get(base + "/trending?count=10&category=shoes"))).containsExactlyInAnyOrder("trail", "boot");
            assertThat(ids(shop.get(base + "/trending?count=10&category=Running"))).containsExactly("trail");
            assertThat(ids(shop.get(base + "/trending?count=10&category=nothing"))).isEmpty();

            // a never-seen anonymous shopper gets the cold-start blend, not an empty list
            assertThat(ids(shop.get(base + "/personalized/anon_8f3a2b?count=4"))).hasSize(4).contains("socks");
            // a known shopper does not get what they bought again
            assertThat(ids(shop.get(base + "/personalized/c0?count=4"))).doesNotContain("phone", "case", "socks");

            var complements = ids(shop.get(base + "/complement/phone?count=3"));
            assertThat(complements.subList(0, 2)).containsExactly("case", "charger");
            assertThat(ids(shop.get(base + "/complement/case?count=1"))).containsExactly("phone");
            assertThat(ids(shop.get(base + "/complement/not-synced-yet?count=2"))).hasSize(2);

            var bundle = ids(shop.post(base + "/bundle", Map.of("product_ids", List.of("case", "phone"), "count", 2)));
            assertThat(bundle).hasSize(2).doesNotContain("case", "phone");
            assertThat(bundle.getFirst()).isEqualTo("charger");

            // the products themselves, in order; unknown ids skipped; numeric ids as plugins send them
            var batch = shop.post(base + "/batch", "{\"product_ids\":[\"boot\",\"nope\",123,\"phone\"]}");
            assertThat(ids(batch)).containsExactly("boot", "123", "phone");
            assertThat(batch.json().get(0).at("/attributes/price").asInt()).isEqualTo(120);

            // the same engine and result cache as the main API
            var model = running.server.engine().tenant("shop");
            assertThat(shop.get("/api/v1/recommendations/trending?count=7").status()).isEqualTo(200);
            long hits = model.cacheHits();
            assertThat(ids(shop.get(base + "/trending?count=7"))).hasSize(7);
            assertThat(model.cacheHits()).isEqualTo(hits + 1);
        }
    }

    @Test
    void badInputGetsTheErrorEnvelopeNever5xx() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            admin.post("/api/v1/tenants", Map.of("tenant_id", "shop"));
            admin.post("/api/v1/tenants", Map.of("tenant_id", "other"));
            String key = admin.post("/api/v1/tenants/shop/keys", Map.of()).json().get("key").asText();
            var shop = running.http.withHeader("Authorization", "Bearer " + key);
            String base = "/api/v1/recommendations/shop";

            assertThat(shop.get(base + "/trending?count=0").errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(shop.get(base + "/trending?count=abc").status()).isEqualTo(400);
            assertThat(shop.get("/api/v1/recommendations/bad%20tenant/trending").errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(shop.post(base + "/bundle", "[1,2]").errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(shop.post(base + "/bundle", Map.of("count", 2)).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(shop.post(base + "/bundle", Map.of("product_ids", List.of())).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(shop.post(base + "/bundle", Map.of("product_ids", List.of("a"), "count", "5")).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(shop.post(base + "/batch", "{\"product_ids\":[{\"id\":1}]}").errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(shop.post(base + "/batch", "{\"product_ids\":").errorCode()).isEqualTo("INVALID_JSON");
            var tooMany = new ArrayList<String>();
            for (int i = 0; i < 101; i++) tooMany.add("p" + i);
            assertThat(shop.post(base + "/batch", Map.of("product_ids", tooMany)).errorCode()).isEqualTo("VALIDATION_ERROR");
            var wrongMethod = shop.get(base + "/bundle");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).contains("POST");

            // the tenant in the path is checked against the key like any other tenant naming
            assertThat(shop.get("/api/v1/recommendations/other/trending").status()).isEqualTo(403);
            assertThat(running.http.get(base + "/trending").status()).isEqualTo(401);
            assertThat(running.http.get(base + "/trending", "Authorization", "Bearer undefined").status()).isEqualTo(401);
            assertThat(admin.get("/api/v1/recommendations/other/trending").status()).isEqualTo(200);
        }
    }

    @Test
    void keylessWidgetWorksOnAnOpenLoopbackServer() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir)) {
            // the widget without a configured key sends "Bearer undefined"
            var r = running.http.get("/api/v1/recommendations/default/trending?count=1", "Authorization", "Bearer undefined");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().isArray()).isTrue();
        }
    }
}
