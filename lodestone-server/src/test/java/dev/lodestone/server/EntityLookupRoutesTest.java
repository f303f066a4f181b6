package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that takes an entity id follows the one rule (core's {@code EntityLookup}) with the same errors: an id
 * with several types and no {@code entity_type} is 400 AMBIGUOUS_ENTITY with the same message and details on every
 * route; an id that names nothing is 404 ENTITY_NOT_FOUND; the storefront and plugin routes prefer {@code product}.
 */
class EntityLookupRoutesTest {
    static final String AMBIGUOUS = "entity dup exists with types [book, film]; give entity_type";
    @TempDir
    static Path dir;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir);
        var http = running.http;
        for (String type : new String[] {"film", "book"}) {
            assertThat(http.post("/api/v1/entities", Map.of("entity_id", "dup", "entity_type", type,
                    "attributes", Map.of("t", type))).status()).isEqualTo(201);
        }
        // a shop plugin's product with a numeric id, and a category with the same id
        assertThat(http.post("/api/v1/products/default", Map.of("entity_id", 7, "attributes", Map.of("name", "seven")))
                .status()).isEqualTo(200);
        assertThat(http.post("/api/v1/entities", Map.of("entity_id", "7", "entity_type", "category",
                "attributes", Map.of("name", "cat"))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void anAmbiguousIdIsTheSameErrorOnEveryRoute() {
        var http = running.http;
        List<HttpClientForTests.Response> answers = List.of(
                http.get("/api/v1/entities/dup"),
                http.put("/api/v1/entities/dup", Map.of("attributes", Map.of("t", "x"))),
                http.delete("/api/v1/entities/dup"),
                http.get("/api/v1/recommendations/entity/dup"),
                http.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "dup", "interaction_type", "view")));
        for (var answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("AMBIGUOUS_ENTITY");
            assertThat(answer.json().at("/error/message").asText()).isEqualTo(AMBIGUOUS);
            assertThat(answer.json().at("/error/details/entity_types").toString()).isEqualTo("[\"book\",\"film\"]");
        }
        // a bulk item fails alone, with the same message
        var bulk = http.post("/api/v1/interactions/bulk", Map.of("interactions", List.of(
                Map.of("user_id", "u", "entity_id", "dup", "interaction_type", "view"),
                Map.of("user_id", "u", "entity_id", "dup", "entity_type", "book", "interaction_type", "view"))));
        assertThat(bulk.status()).isEqualTo(202);
        assertThat(bulk.json().at("/errors/0/error").asText()).isEqualTo(AMBIGUOUS);
        assertThat(bulk.json().at("/errors")).hasSize(1);
        // nothing was deleted or replaced by the refused calls
        assertThat(http.get("/api/v1/entities/dup?entity_type=film").json().at("/attributes/t").asText()).isEqualTo("film");
    }

    @Test
    void aTypeSettlesItOnEveryRoute() {
        var http = running.http;
        assertThat(http.get("/api/v1/entities/dup?entity_type=book").json().get("entity_type").asText()).isEqualTo("book");
        var similar = http.get("/api/v1/recommendations/entity/dup?entity_type=film");
        assertThat(similar.status()).as(similar.body()).isEqualTo(200);
        assertThat(similar.json().get("entity_type").asText()).isEqualTo("film");
        var interaction = http.post("/api/v1/interactions", Map.of("user_id", "u2", "entity_id", "dup",
                "entity_type", "book", "interaction_type", "view"));
        assertThat(interaction.status()).isEqualTo(201);
        assertThat(interaction.json().get("entity_known").asBoolean()).isTrue();
    }

    @Test
    void anIdThatNamesNothingIsTheSameNotFoundOnEveryRoute() {
        var http = running.http;
        List<HttpClientForTests.Response> answers = List.of(
                http.get("/api/v1/entities/nope"),
                http.put("/api/v1/entities/nope", Map.of("attributes", Map.of("t", "x"))),
                http.delete("/api/v1/entities/nope"),
                http.get("/api/v1/recommendations/entity/nope"));
        for (var answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("ENTITY_NOT_FOUND");
            assertThat(answer.json().at("/error/message").asText()).isEqualTo("entity nope not found");
        }
        // an existing id under a type it does not have names nothing either
        assertThat(http.get("/api/v1/entities/dup?entity_type=toy").errorCode()).isEqualTo("ENTITY_NOT_FOUND");
        assertThat(http.get("/api/v1/recommendations/entity/dup?entity_type=toy").errorCode()).isEqualTo("ENTITY_NOT_FOUND");
        // an interaction may name an entity not in the catalogue: it is kept, marked unknown
        var unknown = http.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "nope", "interaction_type", "view"));
        assertThat(unknown.status()).isEqualTo(201);
        assertThat(unknown.json().get("entity_known").asBoolean()).isFalse();
        assertThat(unknown.json().get("entity_type").asText()).isEqualTo("item");
    }

    @Test
    void storefrontAndPluginsPreferTheProductAndAreNeverAmbiguous() {
        var http = running.http;
        JsonNode batch = http.post("/api/v1/recommendations/default/batch", Map.of("product_ids", List.of(7, "dup", "nope"))).json();
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).get("entity_id").asText()).isEqualTo("7");
        assertThat(batch.get(0).get("entity_type").asText()).isEqualTo("product");
        // without a product among its types, the first type in alphabetical order
        assertThat(batch.get(1).get("entity_type").asText()).isEqualTo("book");
        // an order's numeric product id is the product, not the category with the same id
        var order = http.post("/api/v1/interactions", Map.of("user_id", "buyer", "order_id", "o-1",
                "items", List.of(Map.of("entity_id", 7, "quantity", 1))));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().at("/interactions/0/entity_type").asText()).isEqualTo("product");
        // the plugin's delete removes the product and leaves the category
        assertThat(http.delete("/api/v1/products/default/7").status()).isEqualTo(204);
        assertThat(http.get("/api/v1/entities/7").json().get("entity_type").asText()).isEqualTo("category");
    }
}
