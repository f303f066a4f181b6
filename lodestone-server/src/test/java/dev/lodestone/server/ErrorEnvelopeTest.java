package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input rule, one row each: the status and the envelope's code; never a 500, never a stack trace. */
class ErrorEnvelopeTest {
    @TempDir
    static Path dir;
    static RunningServer running;

    record Case(String name, String method, String path, String body, String contentType, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir);
        running.http.post("/api/v1/entities", Map.of("entity_id", "e1", "entity_type", "product", "attributes", Map.of("a", 1)));
        running.http.post("/api/v1/entities", Map.of("entity_id", "dup", "entity_type", "product", "attributes", Map.of("a", 1)));
        running.http.post("/api/v1/entities", Map.of("entity_id", "dup", "entity_type", "article", "attributes", Map.of("a", 1)));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    static String entity(String idJson, String attributesJson) {
        return "{\"entity_id\":" + idJson + ",\"entity_type\":\"product\",\"attributes\":" + attributesJson + "}";
    }

    static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static Stream<Case> cases() {
        String json = "application/json";
        String manyKeys = "{" + String.join(",", java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "\"k" + i + "\":1").toList()) + "}";
        String longString = "\"" + "x".repeat(10_001) + "\"";
        String bigArray = "[" + String.join(",", java.util.Collections.nCopies(1001, "1")) + "]";
        String manyItems = "{\"entities\":[" + String.join(",", java.util.Collections.nCopies(10_001, "{}")) + "]}";
        return Stream.of(
                new Case("malformed JSON", "POST", "/api/v1/entities", "{\"entity_id\":", json, 400, "INVALID_JSON"),
                new Case("trailing garbage", "POST", "/api/v1/entities", entity("\"x\"", "{\"a\":1}") + "}", json, 400, "INVALID_JSON"),
                new Case("empty body", "POST", "/api/v1/entities", "", json, 400, "INVALID_JSON"),
                new Case("body not an object", "POST", "/api/v1/entities", "[1,2]", json, 422, "VALIDATION_ERROR"),
                new Case("duplicate key", "POST", "/api/v1/entities", "{\"entity_id\":\"a\",\"entity_id\":\"b\"}", json, 400, "INVALID_JSON"),
                new Case("missing entity_id", "POST", "/api/v1/entities", "{\"entity_type\":\"p\",\"attributes\":{\"a\":1}}", json, 422, "VALIDATION_ERROR"),
                new Case("entity_id wrong type", "POST", "/api/v1/entities", entity("12", "{\"a\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("entity_id empty", "POST", "/api/v1/entities", entity("\"\"", "{\"a\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("entity_id too long", "POST", "/api/v1/entities", entity("\"" + "é".repeat(128) + "\"", "{\"a\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("entity_id NUL byte", "POST", "/api/v1/entities", entity("\"a\\u0000b\"", "{\"a\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("entity_id control char", "POST", "/api/v1/entities", entity("\"a\\nb\"", "{\"a\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("entity_type too long", "POST", "/api/v1/entities", "{\"entity_id\":\"a\",\"entity_type\":\"" + "t".repeat(101) + "\",\"attributes\":{\"a\":1}}", json, 422, "VALIDATION_ERROR"),
                new Case("attributes missing", "POST", "/api/v1/entities", "{\"entity_id\":\"a\",\"entity_type\":\"p\"}", json, 422, "VALIDATION_ERROR"),
                new Case("attributes empty", "POST", "/api/v1/entities", entity("\"a\"", "{}"), json, 422, "VALIDATION_ERROR"),
                new Case("attributes not object", "POST", "/api/v1/entities", entity("\"a\"", "[1]"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute null", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":null}"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute NUL in string", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":\"x\\u0000\"}"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute string too long", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":" + longString + "}"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute array too long", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":" + bigArray + "}"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute array of objects", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":[{\"b\":1}]}"), json, 422, "VALIDATION_ERROR"),
                new Case("attribute key too long", "POST", "/api/v1/entities", entity("\"a\"", "{\"" + "k".repeat(256) + "\":1}"), json, 422, "VALIDATION_ERROR"),
                new Case("too many attribute keys", "POST", "/api/v1/entities", entity("\"a\"", manyKeys), json, 422, "VALIDATION_ERROR"),
                new Case("attributes nested too deep", "POST", "/api/v1/entities", entity("\"a\"", nested(9)), json, 422, "VALIDATION_ERROR"),
                new Case("JSON nested absurdly deep", "POST", "/api/v1/entities", entity("\"a\"", nested(5000)), json, 400, "INVALID_JSON"),
                new Case("vector with a string", "POST", "/api/v1/entities", "{\"entity_id\":\"a\",\"entity_type\":\"p\",\"attributes\":{\"a\":1},\"vector\":[1,\"x\"]}", json, 422, "VALIDATION_ERROR"),
                new Case("vector overflowing float", "POST", "/api/v1/entities", "{\"entity_id\":\"a\",\"entity_type\":\"p\",\"attributes\":{\"a\":1},\"vector\":[1e300]}", json, 422, "VALIDATION_ERROR"),
                new Case("bad timestamp", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\",\"interaction_type\":\"view\",\"timestamp\":\"yesterday\"}", json, 422, "VALIDATION_ERROR"),
                new Case("interaction_type missing", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\"}", json, 422, "VALIDATION_ERROR"),
                new Case("interaction_type bad object", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\",\"interaction_type\":{\"stars\":3}}", json, 422, "VALIDATION_ERROR"),
                new Case("interaction_type too long", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\",\"interaction_type\":\"" + "v".repeat(65) + "\"}", json, 422, "VALIDATION_ERROR"),
                new Case("weight not a number", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\",\"interaction_type\":\"view\",\"weight\":\"heavy\"}", json, 422, "VALIDATION_ERROR"),
                new Case("metadata nested", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"e1\",\"interaction_type\":\"view\",\"metadata\":{\"a\":{\"b\":1}}}", json, 422, "VALIDATION_ERROR"),
                new Case("user_id control char", "POST", "/api/v1/interactions", "{\"user_id\":\"u\\u0007\",\"entity_id\":\"e1\",\"interaction_type\":\"view\"}", json, 422, "VALIDATION_ERROR"),
                new Case("ambiguous entity", "POST", "/api/v1/interactions", "{\"user_id\":\"u\",\"entity_id\":\"dup\",\"interaction_type\":\"view\"}", json, 400, "AMBIGUOUS_ENTITY"),
                new Case("wrong content type", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":1}"), "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
                new Case("form content type", "POST", "/api/v1/interactions", "user_id=u", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"),
                new Case("oversized body", "POST", "/api/v1/entities", entity("\"a\"", "{\"a\":\"" + "x".repeat(1_100_000) + "\"}"), json, 413, "PAYLOAD_TOO_LARGE"),
                new Case("bulk over the item limit", "POST", "/api/v1/entities/bulk", manyItems, json, 413, "PAYLOAD_TOO_LARGE"),
                new Case("bulk without array", "POST", "/api/v1/interactions/bulk", "{\"interactions\":3}", json, 422, "VALIDATION_ERROR"),
                new Case("count zero", "GET", "/api/v1/recommendations/user/u?count=0", null, null, 400, "INVALID_REQUEST"),
                new Case("count too big", "GET", "/api/v1/recommendations/user/u?count=101", null, null, 400, "INVALID_REQUEST"),
                new Case("count not a number", "GET", "/api/v1/recommendations/user/u?count=ten", null, null, 400, "INVALID_REQUEST"),
                new Case("unknown algorithm", "GET", "/api/v1/recommendations/user/u?algorithm=magic", null, null, 400, "INVALID_REQUEST"),
                new Case("weights not summing to 1", "GET", "/api/v1/recommendations/user/u?collaborative_weight=0.5&content_weight=0.2", null, null, 400, "INVALID_REQUEST"),
                new Case("weight out of range", "GET", "/api/v1/recommendations/user/u?collaborative_weight=1.5", null, null, 400, "INVALID_REQUEST"),
                new Case("diversity out of range", "GET", "/api/v1/recommendations/user/u?diversity=2", null, null, 400, "INVALID_REQUEST"),
                new Case("exclude_seen not boolean", "GET", "/api/v1/recommendations/user/u?exclude_seen=maybe", null, null, 400, "INVALID_REQUEST"),
                new Case("history limit too big", "GET", "/api/v1/interactions/user/u?limit=5000", null, null, 400, "INVALID_REQUEST"),
                new Case("negative offset", "GET", "/api/v1/interactions/user/u?offset=-1", null, null, 400, "INVALID_REQUEST"),
                new Case("window_days negative", "GET", "/api/v1/recommendations/trending?window_days=-3", null, null, 400, "INVALID_REQUEST"),
                new Case("bad tenant header chars", "GET", "/api/v1/interaction-types?tenant_id=a%20b", null, null, 400, "INVALID_REQUEST"),
                new Case("path id with NUL", "GET", "/api/v1/entities/a%00b", null, null, 400, "INVALID_REQUEST"),
                new Case("invalid UTF-8 in path", "GET", "/api/v1/entities/a%ff", null, null, 400, "INVALID_REQUEST"),
                new Case("unknown entity", "GET", "/api/v1/entities/nope", null, null, 404, "ENTITY_NOT_FOUND"),
                new Case("ambiguous entity get", "GET", "/api/v1/entities/dup", null, null, 400, "AMBIGUOUS_ENTITY"),
                new Case("similar to unknown entity", "GET", "/api/v1/recommendations/entity/nope", null, null, 404, "ENTITY_NOT_FOUND"),
                new Case("unknown interaction type", "GET", "/api/v1/interaction-types/nope", null, null, 404, "NOT_FOUND"),
                new Case("unknown route", "GET", "/api/v1/nothing-here", null, null, 404, "NOT_FOUND"),
                new Case("unknown root route", "GET", "/favicon.ico", null, null, 404, "NOT_FOUND"),
                new Case("wrong method", "DELETE", "/api/v1/entities", null, null, 405, "METHOD_NOT_ALLOWED"),
                new Case("wrong method on item", "POST", "/api/v1/entities/e1", "{}", json, 405, "METHOD_NOT_ALLOWED"),
                new Case("put without upsert", "PUT", "/api/v1/entities/missing", "{\"attributes\":{\"a\":1}}", json, 404, "ENTITY_NOT_FOUND"),
                new Case("put upsert without type", "PUT", "/api/v1/entities/missing?upsert=true", "{\"attributes\":{\"a\":1}}", json, 400, "INVALID_REQUEST"),
                new Case("registry weight missing", "POST", "/api/v1/interaction-types", "{\"interaction_type\":\"x\"}", json, 422, "VALIDATION_ERROR"),
                new Case("delete built-in type", "DELETE", "/api/v1/interaction-types/view", null, null, 409, "BUILT_IN_TYPE"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersWithTheEnvelope(Case c) {
        var response = c.body == null
                ? running.http.send(c.method, c.path, null)
                : running.http.send(c.method, c.path, c.body, "Content-Type", c.contentType);
        assertThat(response.status()).as(c.name + ": " + response.body()).isEqualTo(c.status);
        JsonNode error = response.json().get("error");
        assertThat(error).as(c.name + ": " + response.body()).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(c.code);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(response.header("x-request-id")).isNotBlank();
        if (c.status == 405) assertThat(response.header("Allow")).isNotBlank();
    }

    @Test
    void validationErrorsNameTheField() {
        var r = running.http.post("/api/v1/entities", entity("\"a\"", "{\"a\":{\"b\":null}}"));
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("attributes.a.b");
    }

    @Test
    void filterSyntaxErrorsNameThePosition() {
        var r = running.http.get("/api/v1/recommendations/user/u?filter=" + java.net.URLEncoder.encode("price < ", StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/details/position").isInt()).isTrue();
    }

    @Test
    void requestIdIsEchoed() {
        var r = running.http.get("/health", "X-Request-Id", "abc-123");
        assertThat(r.header("x-request-id")).isEqualTo("abc-123");
    }

    @Test
    void garbageOnTheWireGetsTheEnvelope() throws Exception {
        for (String raw : List.of("GARBAGE\r\n\r\n", "GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET /api/v1/entities/a%zzb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            try (var socket = new Socket("127.0.0.1", running.port())) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).startsWith("HTTP/1.1 400");
                assertThat(answer).contains("\"error\"").doesNotContain("Exception");
            }
        }
    }
}
