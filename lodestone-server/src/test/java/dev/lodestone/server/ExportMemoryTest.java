package dev.lodestone.server;

import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports more interactions than the server's heap could hold as objects (300k rows, each ~300 bytes as an
 * Interaction with its strings and metadata map, against a 64 MB heap): only a streamed export finishes.
 */
class ExportMemoryTest {
    static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void aLargeExportStreamsInASmallHeap() throws Exception {
        Path data = dir.resolve("data");
        try (var store = Stores.open(StoreConfig.sqlite(data))) {
            store.ensureTenant("default", "Default tenant");
            Instant start = Instant.parse("2025-01-01T00:00:00Z");
            List<InteractionDraft> batch = new ArrayList<>(10_000);
            for (int i = 0; i < ROWS; i++) {
                batch.add(new InteractionDraft("default", "user-" + (i % 2_000), "product", "entity-" + (i % 5_000), "view",
                        InteractionTypeForm.PLAIN, 1.0, null, Map.of("page", "/catalogue/page-" + (i % 97), "n", i),
                        start.plusSeconds(i), null));
                if (batch.size() == 10_000) {
                    store.appendInteractions(batch);
                    batch.clear();
                }
            }
        }
        try (var server = ServerProcess.start(Map.of("DATA_DIR", data.toString()), dir.resolve("server.log"),
                List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"))) {
            var client = HttpClient.newHttpClient();
            var csv = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port
                    + "/api/v1/export/interactions?format=csv")).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(csv.statusCode()).isEqualTo(200);
            long lines;
            try (var body = csv.body()) {
                lines = body.count();
            }
            assertThat(lines).isEqualTo(ROWS + 1);
            var jsonl = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port
                    + "/api/v1/export/interactions?format=jsonl")).build(), HttpResponse.BodyHandlers.ofLines());
            try (var body = jsonl.body()) {
                assertThat(body.filter(l -> l.startsWith("{\"id\":")).count()).isEqualTo(ROWS);
            }
            assertThat(server.process.isAlive()).as("survived both exports").isTrue();
        }
    }
}
