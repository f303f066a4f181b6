package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics after traffic with odd ids: names, labels, buckets, bounded route labels, model, store and JVM gauges. */
class MetricsTest {
    @TempDir
    static Path dir;
    static RunningServer running;
    static final String WEIRD = "we%C3%AFrd%2Fid%20%22x%22-" + System.nanoTime();

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir);
        var http = running.http;
        http.post("/api/v1/entities", Map.of("entity_id", "m1", "entity_type", "product", "attributes", Map.of("a", 1)));
        http.post("/api/v1/interactions", Map.of("user_id", "u1", "entity_id", "m1", "interaction_type", "view"));
        for (int i = 0; i < 3; i++) http.get("/api/v1/entities/" + WEIRD + i + "?entity_type=product");
        http.get("/no/such/" + WEIRD);
        http.get("/api/v1/entities/" + WEIRD + "/deeper/still");
        http.send("PATCH", "/api/v1/entities/m1", "{}");
        http.get("/health");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    static String scrape() {
        var r = running.http.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        return r.body();
    }

    @Test
    void httpSeriesAreLabelledByRouteTemplateMethodAndStatus() {
        String text = scrape();
        assertThat(sample(text, "http_requests_total", "GET", "/api/v1/entities/{entity_id}", "404")).isEqualTo(3.0);
        assertThat(sample(text, "http_requests_total", "POST", "/api/v1/entities", "201")).isEqualTo(1.0);
        assertThat(sample(text, "http_requests_total", "POST", "/api/v1/interactions", "201")).isEqualTo(1.0);
        assertThat(sample(text, "http_requests_errors_total", "GET", "/api/v1/entities/{entity_id}", "404")).isEqualTo(3.0);
        // A wrong method on a path that exists counts under that path's template; unknown paths collapse to unmatched.
        assertThat(sample(text, "http_requests_errors_total", "PATCH", "/api/v1/entities/{entity_id}", "405")).isEqualTo(1.0);
        assertThat(text).doesNotContain("http_requests_errors_total{method=\"POST\",route=\"/api/v1/entities\",status=\"201\"}");
        assertThat(sample(text, "http_request_duration_seconds_count", "GET", "/health", "200")).isGreaterThanOrEqualTo(1.0);
        // A histogram with buckets, up to +Inf.
        var buckets = text.lines()
                .filter(l -> l.startsWith("http_request_duration_seconds_bucket{")
                        && l.contains("method=\"POST\",route=\"/api/v1/entities\",status=\"201\""))
                .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1")).toList();
        assertThat(buckets).contains("0.001", "0.01", "0.1", "1.0", "10.0", "+Inf");
    }

    @Test
    void unknownPathsCollapseToUnmatchedAndNoClientIdBecomesALabel() {
        String text = scrape();
        assertThat(sample(text, "http_requests_total", "GET", "unmatched", "404")).isEqualTo(2.0);
        assertThat(text).doesNotContain("weird").doesNotContain("we\u00efrd").doesNotContain("/no/such").doesNotContain("deeper");
        var routes = Pattern.compile("route=\"([^\"]*)\"").matcher(text).results().map(m -> m.group(1)).distinct().toList();
        var templates = running.server.routes().stream().map(r -> r.template()).toList();
        for (String route : routes) assertThat(route).isIn(concat(templates, "unmatched"));
    }

    @Test
    void modelStoreAndJvmGaugesArePublished() {
        String text = scrape();
        assertThat(text).contains("lodestone_tenant_entities{tenant=\"default\"} 1.0");
        assertThat(text).contains("lodestone_tenant_interactions{tenant=\"default\"} 1.0");
        assertThat(text).contains("lodestone_tenant_users{tenant=\"default\"} 1.0");
        assertThat(text).contains("lodestone_store_connections_active", "lodestone_store_connections_idle",
                "lodestone_store_writes_pending", "lodestone_store_write_transactions_total");
        assertThat(text).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "system_cpu_count", "jvm_gc_");
    }

    private static List<String> concat(List<String> list, String extra) {
        var all = new java.util.ArrayList<>(list);
        all.add(extra);
        return all;
    }

    /** The value of one sample; labels appear in Prometheus order (alphabetical). */
    static double sample(String text, String name, String method, String route, String status) {
        String prefix = name + "{method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"} ";
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + prefix + " in\n" + text));
    }
}
