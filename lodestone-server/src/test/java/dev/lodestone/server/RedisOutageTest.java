package dev.lodestone.server;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis outage against a {@code redis-server} of the test's own: rate limits fall back to per-node buckets without
 * requests waiting on Redis, the node stays ready, and shared limits resume by themselves once Redis is back. Time
 * bounds are loose versions of the contracts (a few ms per request, 2 s to resume).
 */
class RedisOutageTest {
    private static final String ADMIN = "redis-outage-admin";

    private static boolean redisHoldsBuckets(String url) {
        var client = RedisClient.create(url);
        try (var connection = client.connect()) {
            return !connection.sync().keys("lodestone:ratelimit:*").isEmpty();
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown();
        }
    }

    @Test
    void limitsFallBackToTheNodeWhileRedisIsDownAndAreSharedAgainOnceItIsBack(@TempDir Path dir) throws Exception {
        try (var redis = PrivateRedis.start();
             var node = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN, "REDIS_URL", redis.url(),
                     "RATE_LIMIT_REQUESTS_PER_MINUTE", "1", "RATE_LIMIT_BURST_SIZE", "5"))) {
            var admin = node.http.withHeader("Authorization", "Bearer " + ADMIN);
            assertThat(admin.get("/api/v1/recommendations/popular").status()).isEqualTo(200);
            assertThat(redisHoldsBuckets(redis.url())).as("limits kept in Redis").isTrue();

            redis.stopServer();
            List<Integer> statuses = new ArrayList<>();
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                statuses.add(admin.get("/api/v1/recommendations/popular").status());
                slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
            }
            assertThat(statuses).as("per-node limits still hold").contains(200, 429).containsOnly(200, 429);
            assertThat(slowest).as("no request waits on the missing Redis").isLessThan(500);
            var ready = node.http.get("/ready");
            assertThat(ready.status()).as("a node without Redis still serves").isEqualTo(200);
            assertThat(ready.json().at("/checks/redis").asText()).contains("per node");

            redis.startServer(); // empty: the buckets reappear only when the node uses Redis again
            long back = System.nanoTime();
            while (!redisHoldsBuckets(redis.url())) {
                assertThat((System.nanoTime() - back) / 1_000_000).as("shared limits resumed").isLessThan(3_000);
                admin.get("/api/v1/recommendations/popular");
                Thread.sleep(50);
            }
            long resumed = System.nanoTime();
            while (!node.http.get("/ready").json().at("/checks/redis").asText().equals("ok")) {
                assertThat((System.nanoTime() - resumed) / 1_000_000).as("/ready seeing Redis back").isLessThan(2_000);
                Thread.sleep(50);
            }
        }
    }
}
