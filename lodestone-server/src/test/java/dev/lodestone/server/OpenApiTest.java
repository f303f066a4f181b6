package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/docs documents exactly the router's routes, with their path parameters, and every $ref resolves. */
class OpenApiTest {
    static final String ADMIN = "admin-key-for-docs-tests-0123";
    @TempDir
    static Path dir;
    static RunningServer running;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        var r = running.http.get("/api/docs");
        assertThat(r.status()).as("public, no key").isEqualTo(200);
        doc = r.json();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** The served document, written where {@code .ci/run} lints it (target/openapi.json). */
    @Test
    void writesTheDocumentForTheLinter() throws Exception {
        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, running.http.get("/api/docs").body());
        assertThat(HttpClientForTests.MAPPER.readTree(out.toFile()).get("openapi").asText()).startsWith("3.");
    }

    @Test
    void documentsExactlyTheRoutesOfTheRouter() {
        Set<String> routed = new TreeSet<>();
        for (var route : running.server.routes()) routed.add(route.method() + " " + route.template());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void everyOperationDeclaresItsPathParametersAndErrorResponses() {
        var pathParam = Pattern.compile("\\{([a-z_]+)}");
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String where = op.getKey() + " " + path.getKey();
            Set<String> declared = new HashSet<>();
            for (JsonNode p : op.getValue().get("parameters")) {
                if ("path".equals(p.path("in").asText())) declared.add(p.get("name").asText());
            }
            Set<String> inTemplate = new HashSet<>();
            pathParam.matcher(path.getKey()).results().forEach(m -> inTemplate.add(m.group(1)));
            assertThat(declared).as(where).isEqualTo(inTemplate);
            JsonNode responses = op.getValue().get("responses");
            assertThat(responses.has("500")).as(where).isTrue();
            assertThat(op.getValue().get("summary").asText()).as(where).isNotBlank();
            boolean publicRoute = op.getValue().has("security") && op.getValue().get("security").isEmpty();
            if (!publicRoute) assertThat(responses.has("401") && responses.has("403") && responses.has("429")).as(where).isTrue();
        }));
        assertThat(doc.at("/paths/~1api~1v1~1entities/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/EntityCreate");
    }

    /** Every route the router serves has an operation with a description that says more than its summary. */
    @Test
    void everyRegisteredRouteHasADescribedOperation() {
        for (var route : running.server.routes()) {
            String where = route.method() + " " + route.template();
            JsonNode op = doc.path("paths").path(route.template()).path(route.method().toLowerCase(Locale.ROOT));
            assertThat(op.isObject()).as(where).isTrue();
            String description = op.path("description").asText();
            assertThat(description).as(where).isNotBlank();
            assertThat(description.length()).as(where).isGreaterThan(op.path("summary").asText().length());
        }
    }

    @Test
    void declaresServersHeadersAndRowSchemas() {
        assertThat(doc.get("servers").get(0).get("url").asText()).contains("{host}");
        var post = doc.at("/paths/~1api~1v1~1interactions/post");
        assertThat(post.get("parameters").toString()).contains("#/components/parameters/Idempotency-Key");
        assertThat(post.at("/responses/201/headers/Idempotent-Replayed").isObject()).isTrue();
        assertThat(post.at("/responses/429/headers/Retry-After/$ref").asText()).isEqualTo("#/components/headers/Retry-After");
        assertThat(post.at("/responses/503/headers/Retry-After").isObject()).isTrue();
        var export = doc.at("/paths/~1api~1v1~1export~1interactions/get/responses/200");
        assertThat(export.at("/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/InteractionList");
        assertThat(export.at("/headers/Content-Disposition").isObject()).isTrue();
        assertThat(doc.at("/components/schemas/InteractionList/type").asText()).isEqualTo("array");
        assertThat(doc.at("/components/schemas/Interaction/properties/id/type").asText()).isEqualTo("integer");
    }

    @Test
    void everyReferenceResolves() {
        var refs = Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(doc.toString()).results().map(m -> m.group(1)).distinct().toList();
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at("/" + ref).isMissingNode()).as(ref).isFalse();
        }
    }
}
