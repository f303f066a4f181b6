package dev.lodestone.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lodestone.server.config.RateLimit;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * Buckets in this process (Bucket4j's lock-free local bucket). Idle buckets are dropped after they would have
 * refilled anyway, so the table stays bounded whatever keys or addresses callers come from.
 */
public final class LocalBuckets implements Buckets {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    @Override
    public RateDecision take(String key, RateLimit limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(Buckets.configuration(limit).getBandwidths()[0]).build());
        return RateDecision.of(bucket.tryConsumeAndReturnRemaining(1), limit.capacity());
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
