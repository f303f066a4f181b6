package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside audit sent that was answered with a 5xx, a dropped connection or an ambiguous success: each is a
 * clear 4xx envelope naming the problem.
 */
class HostileInputTest {
    static final String ADMIN = "admin-key-for-hostile-tests-0123";
    @TempDir
    static Path dir;
    static RunningServer running;
    static HttpClientForTests admin;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    static void assertRefused(HttpClientForTests.Response r, int status, String code, String naming) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).as(r.body()).contains(naming);
    }

    /** ISO 8601 expanded years parse as dates but overflowed the store's microsecond columns: 500 before. */
    @Test
    void timestampsOutsideFourDigitYearsAreRefusedNamingTheField() {
        for (String at : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            var interaction = admin.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "e",
                    "interaction_type", "view", "timestamp", at));
            assertRefused(interaction, 422, "VALIDATION_ERROR", "timestamp");
            var entity = admin.post("/api/v1/entities", Map.of("entity_id", "e", "entity_type", "product",
                    "attributes", Map.of("c", "x"), "available_from", at));
            assertRefused(entity, 422, "VALIDATION_ERROR", "available_from");
            var expires = admin.post("/api/v1/entities", Map.of("entity_id", "e", "entity_type", "product",
                    "attributes", Map.of("c", "x"), "expires_at", at));
            assertRefused(expires, 422, "VALIDATION_ERROR", "expires_at");
            var order = admin.post("/api/v1/interactions", Map.of("user_id", "u", "order_id", "o1",
                    "items", List.of(Map.of("entity_id", "e")), "timestamp", at));
            assertRefused(order, 422, "VALIDATION_ERROR", "timestamp");
            var export = admin.get("/api/v1/export/interactions?start_date=" + at.replace("+", "%2B"));
            assertRefused(export, 400, "INVALID_REQUEST", "start_date");
        }
        var bulk = admin.post("/api/v1/interactions/bulk", Map.of("interactions", List.of(Map.of("user_id", "u",
                "entity_id", "e", "interaction_type", "view", "timestamp", "-999999999-01-01T00:00:00Z"))));
        assertThat(bulk.status()).as(bulk.body()).isLessThan(500);
        assertThat(bulk.body()).contains("timestamp");
        assertThat(admin.get("/api/v1/interactions/user/u").json()).isEmpty();
        // The edges of the range are fine.
        assertThat(admin.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "e", "interaction_type", "view",
                "timestamp", "0001-01-01T00:00:00Z")).status()).isEqualTo(201);
    }

    /** Which of two values counts differs between a gateway and the server: a repeated parameter is refused. */
    @Test
    void aQueryParameterGivenTwiceIsRefused() {
        var tenant = running.http.withHeader("Authorization", "Bearer " + ADMIN)
                .get("/api/v1/recommendations/trending?tenant_id=default&tenant_id=other");
        assertRefused(tenant, 400, "INVALID_REQUEST", "tenant_id is given more than once");
        assertRefused(admin.get("/api/v1/recommendations/user/u?count=5&count=7"), 400, "INVALID_REQUEST", "count");
        assertRefused(admin.get("/api/v1/recommendations/default/trending?count=5&count=5"), 400, "INVALID_REQUEST", "count");
        assertThat(admin.get("/api/v1/recommendations/user/u?count=5&offset=0").status()).isEqualTo(200);
    }

    /** A publishable key's origin is a browser origin: a port outside 1..65535 is none. */
    @Test
    void originsWithImpossiblePortsAreRefused() {
        var r = admin.post("/api/v1/tenants/default/keys", Map.of("kind", "publishable",
                "allowed_origins", List.of("https://shop.example:99999")));
        assertRefused(r, 422, "VALIDATION_ERROR", "allowed_origins");
    }
}
