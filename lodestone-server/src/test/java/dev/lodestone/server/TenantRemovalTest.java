package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.tenants.RowFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a tenant removes everything it had — rows, keys, models, files, caches, sockets, metrics series — here and,
 * through the change feed, on the other nodes: a tenant created again under the same id sees nothing of the old one.
 */
class TenantRemovalTest {
    static final String ADMIN = "admin-key-for-tenant-removal-tests";
    static final String ORIGIN = "https://doomed.example";

    @TempDir
    Path dir;

    record Old(String secret, String publishable) {
    }

    /** A tenant with data in every place a tenant leaves something. */
    private static Old fill(RunningServer node, HttpClientForTests admin) {
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "doomed")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "kept")).status()).isEqualTo(201);
        String secret = admin.post("/api/v1/tenants/doomed/keys", Map.of()).json().get("key").asText();
        String publishable = admin.post("/api/v1/tenants/doomed/keys", Map.of("kind", "publishable",
                "allowed_origins", List.of(ORIGIN))).json().get("key").asText();
        var doomed = node.http.withHeader("Authorization", "Bearer " + secret);
        assertThat(doomed.post("/api/v1/interaction-types", Map.of("interaction_type", "wish", "weight", 3)).status()).isBetween(200, 201);
        for (String tenant : new String[] {"doomed", "kept"}) {
            for (int p = 0; p < 3; p++) {
                admin.post("/api/v1/entities", Map.of("tenant_id", tenant, "entity_id", "p" + p, "entity_type", "product",
                        "attributes", Map.of("n", p)));
                for (int u = 0; u < 4; u++) {
                    admin.post("/api/v1/interactions", Map.of("tenant_id", tenant, "user_id", "u" + u, "entity_id", "p" + p,
                            "interaction_type", "purchase"));
                }
            }
        }
        assertThat(doomed.post("/api/v1/interactions", Map.of("user_id", "u9", "entity_id", "p0", "interaction_type", "view"),
                "Idempotency-Key", "idem-1").status()).isEqualTo(201);
        assertThat(node.http.post("/api/v1/ab-events", Map.of("test_id", "hero", "variant", "A", "user_id", "u1",
                "event_type", "impression"), "Origin", ORIGIN).status()).isEqualTo(202);
        assertThat(doomed.get("/api/v1/experiments/hero").status()).isEqualTo(200);
        // the learned model (saved in the store), the dashboard's cached summary and its evaluation run
        assertThat(node.server.engine().tenant("doomed").learner().train()).isTrue();
        assertThat(node.server.store().loadModel("doomed", "ease")).isPresent();
        assertThat(doomed.get("/api/v1/dashboard/activity").json().get("total").asLong()).isPositive();
        assertThat(doomed.post("/api/v1/dashboard/evaluations", Map.of("k", 5)).status()).isEqualTo(202);
        eventually(() -> doomed.get("/api/v1/dashboard/evaluations/latest").json(),
                run -> !run.path("state").asText().equals("running"));
        assertThat(metrics(node)).contains("tenant=\"doomed\"");
        return new Old(secret, publishable);
    }

    /** Nothing of the old tenant is visible in the new one of the same id. */
    private static void assertFresh(RunningServer node, HttpClientForTests admin, Old old) {
        for (String key : new String[] {old.secret(), old.publishable()}) {
            assertThat(node.http.get("/api/v1/recommendations/popular", "Authorization", "Bearer " + key).status()).isEqualTo(401);
        }
        var doomed = admin.withHeader("X-Tenant-ID", "doomed");
        assertThat(doomed.get("/api/v1/entities/p0").status()).isEqualTo(404);
        assertThat(doomed.get("/api/v1/interactions/user/u0").json()).isEmpty();
        assertThat(doomed.get("/api/v1/recommendations/popular").json().get("count").asInt()).isZero();
        assertThat(doomed.get("/api/v1/interaction-types/wish").status()).isEqualTo(404);
        assertThat(doomed.get("/api/v1/experiments/hero").errorCode()).isEqualTo("EXPERIMENT_NOT_FOUND");
        assertThat(doomed.get("/api/v1/dashboard/activity").json().get("total").asLong()).isZero();
        assertThat(doomed.get("/api/v1/dashboard/evaluations/latest").status()).isEqualTo(404);
        // (another node may hold an empty model for it already: the feed told it the tenant was created)
        var model = doomed.get("/api/v1/dashboard/model").json();
        assertThat(model.path("entities").asLong(0)).isZero();
        assertThat(model.at("/learned/trained_at").isMissingNode()).isTrue();
        assertThat(node.server.store().loadModel("doomed", "ease")).isEmpty();
        assertThat(metrics(node)).doesNotContain("lodestone_tenant_entities{tenant=\"doomed\"} 3.0").contains("tenant=\"kept\"");
        // no page of the old shop can write into the new one
        assertThat(node.http.post("/api/v1/ab-events", Map.of("test_id", "hero", "variant", "A", "user_id", "u1",
                "event_type", "impression"), "Origin", ORIGIN).errorCode()).isEqualTo("ORIGIN_NOT_ALLOWED");
        // the old idempotency key is gone: the same key is a new interaction, not a replay of the old one
        var again = doomed.post("/api/v1/interactions", Map.of("user_id", "u9", "entity_id", "p0", "interaction_type", "view"),
                "Idempotency-Key", "idem-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        // and the tenant that was kept still has everything
        assertThat(admin.get("/api/v1/entities/p0?tenant_id=kept").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/interactions/user/u0?tenant_id=kept").json()).hasSize(3);
    }

    @Test
    void aRecreatedTenantSeesNothingOfTheDeletedOne() throws IOException {
        Path data = dir.resolve("data");
        try (var node = RunningServer.start(StoreKind.SQLITE, dir.resolve("store"),
                Map.of("API_KEY", ADMIN, "DATA_DIR", data.toString()))) {
            var admin = node.http.withHeader("Authorization", "Bearer " + ADMIN);
            Old old = fill(node, admin);
            // the saved neighbour rows of both tenants, as a shutdown writes them
            var rows = new RowFiles(data);
            rows.save(node.server.engine().tenant("doomed"));
            rows.save(node.server.engine().tenant("kept"));
            int saved = rowFiles(data).size(); // theirs, and the default tenant's from the start-up warm-up
            try (var live = LiveSocketForTests.connect(node.port(), "api_key=" + old.secret())) {
                live.subscribe("p0");
                assertThat(admin.delete("/api/v1/tenants/doomed").status()).isEqualTo(204);
                assertThat(live.awaitClosed()).isEqualTo(1008);
            }
            assertThat(node.server.engine().existing("doomed")).isEmpty();
            assertThat(metrics(node)).doesNotContain("tenant=\"doomed\"");
            assertThat(rowFiles(data)).hasSize(saved - 1);
            assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "doomed")).status()).isEqualTo(201);
            assertFresh(node, admin, old);
        }
    }

    @Test
    void theOtherNodesForgetItThroughTheChangeFeed() {
        var config = StoreKind.POSTGRESQL.freshConfig(null);
        var env = Map.of("API_KEY", ADMIN, "DATA_DIR", dir.resolve("data").toString());
        try (var a = RunningServer.start(config, env); var b = RunningServer.start(config, env)) {
            var adminA = a.http.withHeader("Authorization", "Bearer " + ADMIN);
            var adminB = b.http.withHeader("Authorization", "Bearer " + ADMIN);
            Old old = fill(a, adminA);
            eventually(() -> adminB.get("/api/v1/recommendations/popular?tenant_id=doomed").json(),
                    json -> json.get("count").asInt() == 3);
            assertThat(metrics(b)).contains("tenant=\"doomed\"");
            try (var live = LiveSocketForTests.connect(b.port(), "api_key=" + old.secret())) {
                live.subscribe("p0");
                assertThat(adminA.delete("/api/v1/tenants/doomed").status()).isEqualTo(204);
                assertThat(live.awaitClosed()).isEqualTo(1008);
            }
            eventually(() -> b.server.engine().existing("doomed").isEmpty());
            assertThat(metrics(b)).doesNotContain("tenant=\"doomed\"");
            assertThat(adminA.post("/api/v1/tenants", Map.of("tenant_id", "doomed")).status()).isEqualTo(201);
            assertFresh(b, adminB, old);
        } finally {
            StoreKind.dropSchema(config);
        }
    }

    private static String metrics(RunningServer node) {
        return node.http.get("/metrics").body();
    }

    private static List<Path> rowFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("rows"))) {
            return files.filter(f -> f.toString().endsWith(".rows")).toList();
        }
    }

    private static void eventually(Supplier<Boolean> done) {
        eventually(() -> null, ignored -> done.get());
    }

    private static JsonNode eventually(Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) return last;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("condition not reached in 20 s; last answer: " + last);
    }
}
