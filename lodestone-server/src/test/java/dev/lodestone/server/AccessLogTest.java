package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** LOG_FORMAT=json: one JSON access-log line per request with request id, tenant, route, status and duration. */
class AccessLogTest {
    @Test
    void jsonLogsCarryTheAccessFields(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        try (var server = ServerProcess.start(Map.of("DATA_DIR", dir.resolve("data").toString(), "LOG_FORMAT", "json"), log)) {
            var http = server.http();
            assertThat(http.get("/api/v1/entities/secret-id?entity_type=p", "X-Request-Id", "trace-me-123", "X-Tenant-ID", "acme")
                    .status()).isEqualTo(404);
            JsonNode line = null;
            for (int i = 0; i < 100 && line == null; i++) {
                line = accessLine(log, "trace-me-123").orElse(null);
                if (line == null) Thread.sleep(50);
            }
            assertThat(line).as("access line in " + Files.readString(log)).isNotNull();
            JsonNode mdc = line.get("mdc");
            assertThat(mdc.get("route").asText()).isEqualTo("/api/v1/entities/{entity_id}");
            assertThat(mdc.get("tenant").asText()).isEqualTo("acme");
            assertThat(mdc.get("status").asText()).isEqualTo("404");
            assertThat(mdc.get("method").asText()).isEqualTo("GET");
            assertThat(Double.parseDouble(mdc.get("duration_ms").asText())).isNotNegative();
        }
    }

    private static Optional<JsonNode> accessLine(Path log, String requestId) throws Exception {
        for (String text : Files.readAllLines(log)) {
            if (!text.startsWith("{")) continue;
            JsonNode node = HttpClientForTests.MAPPER.readTree(text);
            if ("access".equals(node.path("loggerName").asText()) && requestId.equals(node.path("mdc").path("request_id").asText())) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }
}
