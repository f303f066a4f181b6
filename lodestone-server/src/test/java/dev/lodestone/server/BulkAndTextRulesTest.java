package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Data is never silently changed or misfiled: bulk repeats, per-item tenants, invalid text, content types, budgets. */
class BulkAndTextRulesTest {
    static final String ADMIN = "admin-key-for-bulk-tests-0123456789";
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

    static Map<String, Object> entity(String id, Object color) {
        return Map.of("entity_id", id, "entity_type", "product", "attributes", Map.of("color", color));
    }

    @Test
    void repeatedIdsInOneBulkAreSequentialUpsertsLastWins() {
        var r = admin.post("/api/v1/entities/bulk", Map.of("entities",
                List.of(entity("rep", "red"), entity("other", "blue"), entity("rep", "green"), entity("rep", "black"))));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("successful").asInt()).isEqualTo(4);
        assertThat(admin.get("/api/v1/entities/rep").json().at("/attributes/color").asText()).isEqualTo("black");
        assertThat(admin.get("/api/v1/entities/other").json().at("/attributes/color").asText()).isEqualTo("blue");
    }

    @Test
    void loneSurrogatesAreRefusedNamingTheField() {
        String body = "{\"entity_id\":\"sur\",\"entity_type\":\"product\",\"attributes\":{\"name\":\"a\\ud800b\"}}";
        var r = admin.post("/api/v1/entities", body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("attributes.name");
        assertThat(admin.get("/api/v1/entities/sur").status()).isEqualTo(404);

        // In a key the JSON parser itself refuses it.
        var key = admin.post("/api/v1/entities", "{\"entity_id\":\"sur\",\"entity_type\":\"product\",\"attributes\":{\"k\\udc00\":1}}");
        assertThat(key.status()).as(key.body()).isEqualTo(400);
        assertThat(key.errorCode()).isEqualTo("INVALID_JSON");
        var meta = admin.post("/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"x\",\"interaction_type\":\"view\",\"metadata\":{\"m\":\"\\ud800\"}}");
        assertThat(meta.status()).as(meta.body()).isEqualTo(422);
        assertThat(meta.json().at("/error/details/0/field").asText()).isEqualTo("metadata.m");
        var id = admin.post("/api/v1/entities", "{\"entity_id\":\"a\\ud800\",\"entity_type\":\"product\",\"attributes\":{\"k\":1}}");
        assertThat(id.status()).as(id.body()).isEqualTo(422);

        // In a bulk the item fails alone and its error is still valid JSON (the bad id is not echoed).
        var bulk = admin.post("/api/v1/entities/bulk", "{\"entities\":[{\"entity_id\":\"ok-1\",\"entity_type\":\"product\",\"attributes\":{\"k\":1}},"
                + "{\"entity_id\":\"b\\ud800\",\"entity_type\":\"product\",\"attributes\":{\"k\":1}}]}");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(202);
        assertThat(bulk.json().get("failed").asInt()).isEqualTo(1);
        assertThat(bulk.json().at("/errors/0/error").asText()).contains("entity_id");
    }

    @Test
    void onlyJsonContentTypesAreJson() {
        String body = "{\"entity_id\":\"ct\",\"entity_type\":\"product\",\"attributes\":{\"k\":1}}";
        for (String type : List.of("application/jsonx", "application/json-seq", "text/json", "application/+json")) {
            var r = admin.send("POST", "/api/v1/entities", body, "Content-Type", type);
            assertThat(r.status()).as(type).isEqualTo(415);
        }
        assertThat(admin.send("POST", "/api/v1/entities", body, "Content-Type", "application/merge-patch+json").status()).isEqualTo(201);
        assertThat(admin.send("PUT", "/api/v1/entities/ct", "{\"attributes\":{\"k\":2}}", "Content-Type", "Application/JSON; charset=utf-8").status()).isEqualTo(200);
    }

    @Test
    void perItemTenantIsHonouredForTheAdminKeyAndRefusedForOtherTenantsKeys() {
        admin.post("/api/v1/tenants", Map.of("tenant_id", "north"));
        admin.post("/api/v1/tenants", Map.of("tenant_id", "south"));
        var items = List.of(
                Map.of("entity_id", "t1", "entity_type", "product", "attributes", Map.of("k", 1), "tenant_id", "north"),
                Map.of("entity_id", "t2", "entity_type", "product", "attributes", Map.of("k", 1)));
        var r = admin.post("/api/v1/entities/bulk", Map.of("entities", items, "tenant_id", "south"));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(admin.get("/api/v1/entities/t1", "X-Tenant-ID", "north").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/entities/t1", "X-Tenant-ID", "south").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/entities/t2", "X-Tenant-ID", "south").status()).isEqualTo(200);

        var interactions = admin.post("/api/v1/interactions/bulk", Map.of("interactions", List.of(
                Map.of("user_id", "u1", "entity_id", "t1", "interaction_type", "view", "tenant_id", "north"))));
        assertThat(interactions.status()).as(interactions.body()).isEqualTo(202);
        assertThat(admin.get("/api/v1/interactions/user/u1", "X-Tenant-ID", "north").json().size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/interactions/user/u1").json().size()).isZero();

        String key = admin.post("/api/v1/tenants/north/keys", Map.of("name", "w")).json().get("key").asText();
        var north = running.http.withHeader("X-API-Key", key);
        var refused = north.post("/api/v1/entities/bulk", Map.of("entities", List.of(
                Map.of("entity_id", "t3", "entity_type", "product", "attributes", Map.of("k", 1), "tenant_id", "south"))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/field").asText()).isEqualTo("entities[0].tenant_id");
        assertThat(admin.get("/api/v1/entities/t3", "X-Tenant-ID", "south").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/entities/t3", "X-Tenant-ID", "north").status()).isEqualTo(404);
        var own = north.post("/api/v1/entities/bulk", Map.of("entities", List.of(
                Map.of("entity_id", "t4", "entity_type", "product", "attributes", Map.of("k", 1), "tenant_id", "north"))));
        assertThat(own.status()).isEqualTo(202);
        var refusedInteraction = north.post("/api/v1/interactions/bulk", Map.of("interactions", List.of(
                Map.of("user_id", "u1", "entity_id", "t1", "interaction_type", "view", "tenant_id", "south"))));
        assertThat(refusedInteraction.status()).isEqualTo(422);
    }

    @Test
    void attributeLimitsNameTheLimit() {
        var attributes = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < 1_001; i++) attributes.put("a" + i, i);
        var tooMany = admin.post("/api/v1/entities", Map.of("entity_id", "wide", "entity_type", "product", "attributes", attributes));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().at("/error/message").asText()).contains("1000 keys");

        var bigArrays = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < 11; i++) bigArrays.put("a" + i, java.util.Collections.nCopies(1_000, 1));
        var tooManyValues = admin.post("/api/v1/entities", Map.of("entity_id", "wide", "entity_type", "product", "attributes", bigArrays));
        assertThat(tooManyValues.status()).isEqualTo(422);
        assertThat(tooManyValues.json().at("/error/message").asText()).contains("10000 values");

        // 600 entities of 1,000 attributes: under the byte and item limits, over the per-request attribute budget.
        var sb = new StringBuilder("{\"entities\":[");
        for (int e = 0; e < 600; e++) {
            if (e > 0) sb.append(',');
            sb.append("{\"entity_id\":\"w").append(e).append("\",\"entity_type\":\"product\",\"attributes\":{");
            for (int i = 0; i < 1_000; i++) sb.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":1");
            sb.append("}}");
        }
        var budget = admin.post("/api/v1/entities/bulk", sb.append("]}").toString());
        assertThat(budget.status()).as(budget.body()).isEqualTo(413);
        assertThat(budget.json().at("/error/message").asText()).contains("MAX_BULK_ATTRIBUTE_VALUES");
        assertThat(admin.get("/api/v1/entities/w0").status()).isEqualTo(404);
    }
}
