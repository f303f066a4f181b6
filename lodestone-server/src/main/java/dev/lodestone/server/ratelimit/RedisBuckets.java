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
    private final RedisConnection redis;
    private final String prefix;
    private volatile ProxyManager<String> proxies;

    /** Builds nothing over the connection yet: the node connects at start, the first request builds the proxies. */
    public RedisBuckets(RedisConnection redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    private ProxyManager<String> proxies() {
        var built = proxies;
        if (built == null) {
            synchronized (this) {
                if (proxies == null) {
                    proxies = Bucket4jLettuce.casBasedBuilder(redis.connection())
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .requestTimeout(Duration.ofSeconds(2))
                            .build();
                }
                built = proxies;
            }
        }
        return built;
    }

    @Override
    public RateDecision take(String key, RateLimit limit) {
        var bucket = proxies().builder().build(prefix + key, () -> Buckets.configuration(limit));
        return RateDecision.of(bucket.tryConsumeAndReturnRemaining(1), limit.capacity());
    }

    @Override
    public void close() {
        // The connection belongs to the server; nothing of ours to release.
    }
}
