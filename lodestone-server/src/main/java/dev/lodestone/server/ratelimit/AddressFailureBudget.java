package dev.lodestone.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lodestone.server.auth.FailureBudget;
import dev.lodestone.server.config.RateLimit;
import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * {@link FailureBudget} as a token bucket per client address, in this process (a flood from one address is a
 * node's problem; sharing these through Redis would add a round trip to every failure). Bounded like
 * {@link LocalBuckets}.
 */
public final class AddressFailureBudget implements FailureBudget {
    private final RateLimit limit;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public AddressFailureBudget(RateLimit limit) {
        this.limit = limit;
    }

    /** The budget for {@code limit}, or none at all when it is off. */
    public static FailureBudget of(RateLimit limit) {
        return limit.off() ? FailureBudget.UNLIMITED : new AddressFailureBudget(limit);
    }

    @Override
    public long spend(String address) {
        Bucket bucket = buckets.get(address, a -> Bucket.builder().addLimit(Buckets.configuration(limit).getBandwidths()[0]).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
