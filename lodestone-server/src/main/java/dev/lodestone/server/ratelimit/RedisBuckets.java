package dev.lodestone.server.ratelimit;

import dev.lodestone.server.config.RateLimit;
import dev.lodestone.server.ops.RedisConnection;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import java.time.Duration;

/**
 * Buckets in Redis, shared by every node with the same {@code REDIS_URL} and key prefix (Bucket4j's compare-and-swap
 * proxy over Lettuce). Keys expire once their bucket would be full again, so Redis holds only active callers.
 */
public final class RedisBuckets implements Buckets {
    private final ProxyManager<String> proxies;
    private final String prefix;

    public RedisBuckets(RedisConnection redis, String prefix) {
        this.prefix = prefix;
        this.proxies = Bucket4jLettuce.casBasedBuilder(redis.connection())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public RateDecision take(String key, RateLimit limit) {
        var bucket = proxies.builder().build(prefix + key, () -> Buckets.configuration(limit));
        return RateDecision.of(bucket.tryConsumeAndReturnRemaining(1), limit.capacity());
    }

    @Override
    public void close() {
        // The connection belongs to the server; nothing of ours to release.
    }
}
