package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lodestone.bench.cli.TargetOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLoaderTest {
    @Test
    void sendsEveryRecordInBulkBatchesWithKeyAndTenantAndCountsServerFailures() throws Exception {
        var json = new ObjectMapper();
        Set<String> entityIds = ConcurrentHashMap.newKeySet();
        var interactions = new AtomicInteger();
        Set<String> tenants = ConcurrentHashMap.newKeySet();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        var executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/api/v1/", ex -> {
            tenants.add(ex.getRequestHeaders().getFirst("X-Tenant-ID") + "/" + ex.getRequestHeaders().getFirst("X-API-Key"));
            JsonNode body = json.readTree(ex.getRequestBody());
            int n;
            int failed = 0;
            if (ex.getRequestURI().getPath().endsWith("/entities/bulk")) {
                n = body.get("entities").size();
                body.get("entities").forEach(e -> entityIds.add(e.get("entity_id").asText()));
            } else {
                n = body.get("interactions").size();
                interactions.addAndGet(n);
                failed = 1; // the server rejects one interaction per batch
            }
            byte[] out = ("{\"status\":\"completed\",\"successful\":" + (n - failed) + ",\"failed\":" + failed + ",\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try {
            var target = TargetOptions.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "k1", "shop");
            var report = new ByteArrayOutputStream();
            boolean ok = ServerLoader.load(new DatasetGenerator(DatasetSpec.small(250, 50, 1_050, 5, 1)), target, 100, 3, false,
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(entityIds).hasSize(250);
            assertThat(interactions.get()).isEqualTo(1_050);
            assertThat(tenants).containsExactly("shop/k1");
            assertThat(ok).isFalse(); // 11 batches, one rejected interaction each
            assertThat(report.toString(StandardCharsets.UTF_8)).contains("accepted 250, failed 0", "accepted 1,039, failed 11");
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
