package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports in every format, read back with independent parsers, with values built to break naive CSV. */
class ExportTest {
    static final List<String> TRICKY = List.of("plain", "comma, inside", "quote \"inside\"", "line\nbreak", "cr\r\nlf",
            "unicode \u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9 \ud83e\udd84 \u4e2d\u6587", " padded ", "trailing,");

    /** Ids may not hold control characters: the same values with CR and LF as spaces. */
    static final List<String> IDS = TRICKY.stream().map(t -> t.replaceAll("[\\r\\n]", " ")).toList();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyFormatRoundTripsTrickyValues(StoreKind kind) throws IOException {
        try (var running = RunningServer.start(kind, dir)) {
            var http = running.http.withHeader("X-Tenant-ID", "shop");
            for (int i = 0; i < TRICKY.size(); i++) {
                var attributes = new LinkedHashMap<String, Object>();
                attributes.put("title", TRICKY.get(i));
                attributes.put("price", 10 + i);
                attributes.put("tags", List.of("a,b", "c\"d"));
                assertThat(http.post("/api/v1/entities", Map.of("entity_id", IDS.get(i), "entity_type", "product",
                        "attributes", attributes)).status()).isEqualTo(201);
                assertThat(http.post("/api/v1/interactions", Map.of("user_id", "user " + IDS.get(i), "entity_id", IDS.get(i),
                        "entity_type", "product", "interaction_type", "view", "metadata", Map.of("note", TRICKY.get(i)))).status()).isEqualTo(201);
            }
            // Another tenant's rows never leak into the export.
            running.http.post("/api/v1/entities", Map.of("tenant_id", "elsewhere", "entity_id", "x", "entity_type", "product",
                    "attributes", Map.of("a", 1)));

            var csv = http.get("/api/v1/export/entities?format=csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"entities.csv\"");
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body()).contains("\r\n").doesNotContain("elsewhere");
            List<CSVRecord> rows = parseCsv(csv.body());
            assertThat(rows).hasSize(TRICKY.size());
            Map<String, CSVRecord> byId = new HashMap<>();
            for (CSVRecord row : rows) byId.put(row.get("entity_id"), row);
            assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(IDS);
            for (int i = 0; i < TRICKY.size(); i++) {
                CSVRecord row = byId.get(IDS.get(i));
                JsonNode attributes = HttpClientForTests.MAPPER.readTree(row.get("attributes"));
                assertThat(attributes.get("title").asText()).isEqualTo(TRICKY.get(i));
                assertThat(attributes.get("price").asInt()).isEqualTo(10 + i);
                assertThat(attributes.get("tags").get(1).asText()).isEqualTo("c\"d");
                assertThat(row.get("tenant_id")).isEqualTo("shop");
                assertThat(row.get("entity_type")).isEqualTo("product");
            }

            var interactions = parseCsv(http.get("/api/v1/export/interactions?format=csv").body());
            assertThat(interactions).hasSize(TRICKY.size());
            for (CSVRecord row : interactions) {
                String entity = row.get("entity_id");
                assertThat(row.get("user_id")).isEqualTo("user " + entity);
                assertThat(HttpClientForTests.MAPPER.readTree(row.get("metadata")).get("note").asText())
                        .isEqualTo(TRICKY.get(IDS.indexOf(entity)));
                assertThat(row.get("interaction_type")).isEqualTo("view");
            }

            var users = http.get("/api/v1/export/users?format=csv");
            assertThat(users.header("Content-Disposition")).isEqualTo("attachment; filename=\"users.csv\"");
            assertThat(parseCsv(users.body())).extracting(r -> r.get("user_id"))
                    .containsExactlyInAnyOrderElementsOf(IDS.stream().map(t -> "user " + t).toList());

            var json = http.get("/api/v1/export/entities?format=json");
            assertThat(json.header("Content-Disposition")).isEqualTo("attachment; filename=\"entities.json\"");
            assertThat(json.json().isArray()).isTrue();
            assertThat(json.json()).hasSize(TRICKY.size());
            assertThat(json.json().findValuesAsText("entity_id")).containsExactlyInAnyOrderElementsOf(IDS);

            var jsonl = http.get("/api/v1/export/interactions?format=jsonl");
            assertThat(jsonl.header("Content-Disposition")).isEqualTo("attachment; filename=\"interactions.jsonl\"");
            var lines = jsonl.body().split("\n");
            assertThat(lines).hasSize(TRICKY.size());
            for (String line : lines) assertThat(HttpClientForTests.MAPPER.readTree(line).get("metadata").get("note").asText()).isIn(TRICKY);
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = "SQLITE")
    void filtersBoundTheRowsAndBadParametersAre400(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir)) {
            var http = running.http;
            for (String day : List.of("2025-01-10", "2025-01-20", "2025-01-31")) {
                http.post("/api/v1/interactions", Map.of("user_id", "u", "entity_id", "e-" + day, "entity_type", "product",
                        "interaction_type", "view", "timestamp", day + "T12:00:00Z"));
            }
            http.post("/api/v1/entities", Map.of("entity_id", "p", "entity_type", "product", "attributes", Map.of("a", 1)));
            http.post("/api/v1/entities", Map.of("entity_id", "a", "entity_type", "article", "attributes", Map.of("a", 1)));

            assertThat(http.get("/api/v1/export/interactions?format=jsonl&start_date=2025-01-15&end_date=2025-01-31")
                    .body().lines().toList()).hasSize(2);
            assertThat(http.get("/api/v1/export/interactions?format=jsonl&end_date=" + enc("2025-01-20T12:00:00Z"))
                    .body().lines().toList()).hasSize(1);
            assertThat(http.get("/api/v1/export/entities?entity_type=article").json()).hasSize(1);
            assertThat(http.get("/api/v1/export/entities?last_modified_after=2099-01-01").json()).isEmpty();
            assertThat(http.get("/api/v1/export/entities?last_modified_after=2000-01-01").json()).hasSize(2);
            assertThat(http.get("/api/v1/export/users").json().get(0).get("interactions").asInt()).isEqualTo(3);

            assertThat(http.get("/api/v1/export/entities?format=xml").errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(http.get("/api/v1/export/interactions?start_date=yesterday").errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(http.get("/api/v1/export/interactions?start_date=2025-02-01&end_date=2025-01-01").status()).isEqualTo(400);
            assertThat(http.get("/api/v1/export/everything").status()).isEqualTo(404);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<CSVRecord> parseCsv(String text) throws IOException {
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (var parser = format.parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }
}
