package dev.lodestone.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets per key: headers, 429 envelope, no header bypass, tenant overrides, one bucket across nodes via Redis. */
class RateLimitTest {
    static final String ADMIN = "admin-key-for-limit-tests-0123";
    static final String REDIS_URL = "redis://127.0.0.1:6379";

    @Test
    void aKeyGetsItsBurstThen429WithRetryAfterAndNoHeaderSkipsTheLimit(@TempDir Path dir) {
        // One token per minute refills: within the test only the burst of 5 is available.
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN,
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "RATE_LIMIT_BURST_SIZE", "5", "RATE_LIMIT_TENANT_OVERRIDES", "vip:600:50"))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            for (int i = 0; i < 5; i++) {
                var r = admin.get("/api/v1/interaction-types");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("RateLimit-Limit")).isEqualTo("5");
                assertThat(r.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
                assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isPositive();
            }
            var limited = admin.get("/api/v1/interaction-types");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().at("/error/code").isInt()).isTrue();
            assertThat(limited.json().at("/error/code").asInt()).isEqualTo(429);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("x-request-id")).isNotBlank();
            // Neither a forwarded address, nor another tenant, nor a request id opens a new bucket.
            assertThat(admin.get("/api/v1/interaction-types", "X-Forwarded-For", "203.0.113.9", "X-Real-IP", "203.0.113.9",
                    "X-Tenant-ID", "other", "X-Request-Id", "fresh").status()).isEqualTo(429);
            assertThat(running.http.get("/api/v1/interaction-types", "X-API-Key", ADMIN).status()).as("same key, other header").isEqualTo(429);
            // Probes are never limited.
            assertThat(running.http.get("/health").status()).isEqualTo(200);
            assertThat(running.http.get("/ready").status()).isEqualTo(200);
            assertThat(running.http.get("/metrics").status()).isEqualTo(200);
        }
    }

    @Test
    void everyKeyHasItsOwnBucketAndTenantsTheirOverride(@TempDir Path dir) {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN,
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "RATE_LIMIT_BURST_SIZE", "10", "RATE_LIMIT_TENANT_OVERRIDES", "vip:600:50,free:0:0"))) {
            var admin = running.http.withHeader("X-API-Key", ADMIN);
            for (String t : new String[] {"acme", "vip", "free"}) admin.post("/api/v1/tenants", Map.of("tenant_id", t));
            var acme = running.http.withHeader("X-API-Key", admin.post("/api/v1/tenants/acme/keys", Map.of()).json().get("key").asText());
            var vip = running.http.withHeader("X-API-Key", admin.post("/api/v1/tenants/vip/keys", Map.of()).json().get("key").asText());
            var free = running.http.withHeader("X-API-Key", admin.post("/api/v1/tenants/free/keys", Map.of()).json().get("key").asText());
            // The admin spent 6 of its 10 tokens on the set-up; acme's key has a bucket of its own.
            for (int i = 0; i < 10; i++) assertThat(acme.get("/api/v1/interaction-types").status()).isEqualTo(200);
            assertThat(acme.get("/api/v1/interaction-types").status()).isEqualTo(429);
            for (int i = 0; i < 4; i++) assertThat(admin.get("/api/v1/tenants").status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/tenants").status()).isEqualTo(429);
            var v = vip.get("/api/v1/interaction-types");
            assertThat(v.status()).isEqualTo(200);
            assertThat(v.header("RateLimit-Limit")).isEqualTo("50");
            for (int i = 0; i < 10; i++) {
                var f = free.get("/api/v1/interaction-types");
                assertThat(f.status()).isEqualTo(200);
                assertThat(f.header("RateLimit-Limit")).as("no limit, no headers").isNull();
            }
        }
    }

    @Test
    void keylessCallersAreLimitedByAddress(@TempDir Path dir) {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "RATE_LIMIT_BURST_SIZE", "3"))) {
            for (int i = 0; i < 3; i++) assertThat(running.http.get("/api/v1/recommendations/popular").status()).isEqualTo(200);
            assertThat(running.http.get("/api/v1/recommendations/popular").status()).isEqualTo(429);
            assertThat(running.http.get("/api/v1/recommendations/popular", "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(429);
        }
    }

    @Test
    void twoNodesSharingRedisShareOneBucket(@TempDir Path dir) {
        String prefix = "lodestone-test-" + UUID.randomUUID() + ":";
        var env = Map.of("API_KEY", ADMIN, "REDIS_URL", REDIS_URL, "RATE_LIMIT_KEY_PREFIX", prefix,
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "RATE_LIMIT_BURST_SIZE", "10");
        try (var first = RunningServer.start(StoreKind.SQLITE, dir.resolve("a"), env);
             var second = RunningServer.start(StoreKind.SQLITE, dir.resolve("b"), env)) {
            assertThat(first.http.get("/ready").json().at("/checks/redis").asText()).isEqualTo("ok");
            int allowed = 0;
            for (int i = 0; i < 30; i++) {
                var node = (i % 2 == 0 ? first : second).http;
                int status = node.get("/api/v1/interaction-types", "X-API-Key", ADMIN).status();
                assertThat(status).isIn(200, 429);
                if (status == 200) allowed++;
            }
            // Separate buckets would let 20 through; one shared bucket lets the burst (plus at most one refill).
            assertThat(allowed).isBetween(10, 11);
        } finally {
            deleteKeys(prefix);
        }
    }

    private static void deleteKeys(String prefix) {
        var client = RedisClient.create(REDIS_URL);
        try (var connection = client.connect()) {
            var redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) redis.del(page.getKeys().toArray(String[]::new));
                cursor = page;
            } while (!cursor.isFinished());
            assertThat(redis.keys(prefix + "*")).isEmpty();
        } finally {
            client.shutdown();
        }
    }
}
