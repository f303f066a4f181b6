package dev.lodestone.server;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node remembers of its own writes (so the change feed does not apply them twice) does not grow with the
 * writes: nothing at all on SQLite (no feed reads them back), and nothing once the feed has shown them back on
 * PostgreSQL.
 */
class LocalWritesBoundTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void fiveThousandWritesLeaveNothingBehind(StoreKind kind) throws Exception {
        try (var server = RunningServer.start(kind, dir)) {
            for (int batch = 0; batch < 5; batch++) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    items.add(Map.of("user_id", "u" + i % 50, "entity_id", "e" + (batch * 1_000 + i), "interaction_type", "view"));
                }
                var r = server.http.post("/api/v1/interactions/bulk", Map.of("interactions", items));
                assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
            }
            for (int i = 0; i < 20; i++) {
                server.http.post("/api/v1/entities", Map.of("entity_id", "p" + i, "entity_type", "product", "attributes", Map.of("c", "x")));
            }
            assertThat(server.server.engine().tenant("default").interactionCount()).isEqualTo(5_000);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (server.server.localWrites().held() > 0 && Instant.now().isBefore(deadline)) Thread.sleep(50);
            assertThat(server.server.localWrites().held()).isZero();
        }
    }
}
