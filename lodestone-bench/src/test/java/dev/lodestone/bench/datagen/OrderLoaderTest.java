package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code datagen --baskets N --target URL}: the catalogue and interactions in bulk, then every basket as a shop order. */
class OrderLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sendsEveryBasketAsAnOrderAfterTheCatalogueAndCountsRefusedOrders() throws Exception {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, JsonNode> orders = new ConcurrentHashMap<>();
        Set<String> headers = ConcurrentHashMap.newKeySet();
        var entities = new AtomicInteger();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        var executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/api/v1/", ex -> {
            String path = ex.getRequestURI().getPath();
            JsonNode body = JSON.readTree(ex.getRequestBody());
            int status;
            String out;
            if (path.equals("/api/v1/entities/bulk")) {
                calls.add("entities");
                entities.addAndGet(body.get("entities").size());
                status = 202;
                out = "{\"successful\":" + body.get("entities").size() + ",\"failed\":0,\"errors\":[]}";
            } else if (path.equals("/api/v1/interactions/bulk")) {
                calls.add("interactions");
                status = 202;
                out = "{\"successful\":" + body.get("interactions").size() + ",\"failed\":0,\"errors\":[]}";
            } else if (!path.equals("/api/v1/interactions")) {
                calls.add("unexpected " + path);
                status = 404;
                out = "{}";
            } else {
                calls.add("order");
                headers.add(ex.getRequestHeaders().getFirst("X-Tenant-ID") + "/" + ex.getRequestHeaders().getFirst("X-API-Key"));
                orders.put(body.get("order_id").asText(), body);
                // the server refuses one order (as it would an unknown product, say)
                status = body.get("order_id").asText().equals("o7") ? 422 : 201;
                out = status == 201 ? "{\"order_id\":\"" + body.get("order_id").asText() + "\",\"interactions\":[]}"
                        : "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"items[0].entity_id: unknown\"}}";
            }
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        var printed = new ByteArrayOutputStream();
        var stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DatagenCommand()).execute("--entities", "120", "--users", "40", "--interactions", "600",
                    "--groups", "4", "--seed", "3", "--baskets", "30", "--no-progress", "--concurrency", "3",
                    "--target", "http://127.0.0.1:" + server.getAddress().getPort(), "--api-key", "k1", "--tenant", "shop");
        } finally {
            System.setOut(stdout);
            server.stop(0);
            executor.shutdownNow();
        }
        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isEqualTo(1); // one order was refused
        assertThat(report).contains("orders        accepted 29, failed 1", "items[0].entity_id: unknown");

        // the catalogue and interactions first, then the orders
        assertThat(calls).noneMatch(c -> c.startsWith("unexpected"));
        assertThat(entities.get()).isEqualTo(120);
        assertThat(calls.indexOf("order")).isGreaterThan(calls.lastIndexOf("interactions"));
        assertThat(headers).containsExactly("shop/k1");

        // exactly the generator's baskets, each as one order of its items
        var spec = DatasetSpec.small(120, 40, 600, 4, 3);
        List<BasketGenerator.Basket> expected = new ArrayList<>();
        new BasketGenerator(new DatasetGenerator(spec)).baskets(30, expected::add);
        assertThat(orders).hasSize(30);
        for (var basket : expected) {
            JsonNode order = orders.get(BasketGenerator.orderId(basket));
            assertThat(order).as(BasketGenerator.orderId(basket)).isNotNull();
            assertThat(order.get("user_id").asText()).isEqualTo(spec.userId(basket.user()));
            List<String> items = new ArrayList<>();
            order.get("items").forEach(i -> items.add(i.get("entity_id").asText()));
            assertThat(items).containsExactlyElementsOf(basket.items().stream().map(spec::entityId).toList());
            assertThat(order.get("timestamp").asText()).isEqualTo(java.time.Instant.ofEpochSecond(basket.epochSecond()).toString());
        }
    }
}
