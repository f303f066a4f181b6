package dev.lodestone.server.ratelimit;

import dev.lodestone.server.config.RateLimit;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/** Where the token buckets live: in this process, or in Redis shared by every node. */
public interface Buckets extends AutoCloseable {

    /** Takes one token from the bucket named {@code key}, created full with {@code limit} on first use. */
    RateDecision take(String key, RateLimit limit);

    @Override
    void close();

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.requestsPerMinute(), Duration.ofMinutes(1)))
                .build();
    }
}
