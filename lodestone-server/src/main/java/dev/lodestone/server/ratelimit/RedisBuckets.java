package dev.lodestone.server.ratelimit;

import dev.lodestone.server.config.RateLimit;
import dev.lodestone.server.ops.RedisConnection;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in Redis, shared by every node with the same {@code REDIS_URL} and key prefix (Bucket4j's compare-and-swap
 * proxy over Lettuce). Keys expire once their bucket would be full again, so Redis holds only active callers.
 *
 * <p>While Redis fails, a circuit breaker sends every request to per-node buckets ({@code fallback}) without asking
 * Redis: limits then hold per node instead of across nodes, and requests wait for nothing. Every
 * {@link #RETRY_AFTER} one request tries Redis again; the first that succeeds brings the shared limits back.
 */
public final class RedisBuckets implements Buckets {
    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private final RedisConnection redis;
    private final String prefix;
    private final Buckets fallback;
    private final CircuitBreaker breaker;
    private volatile ProxyManager<String> proxies;

    /** Builds nothing over the connection yet: the node connects at start, the first request builds the proxies. */
    public RedisBuckets(RedisConnection redis, String prefix, Buckets fallback) {
        this.redis = redis;
        this.prefix = prefix;
        this.fallback = fallback;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(RETRY_AFTER)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> log.warn("Redis unavailable: rate limits are per node until it answers again");
                case CLOSED -> log.info("Redis answers again: rate limits are shared across nodes");
                default -> {
                }
            }
        });
    }

    private ProxyManager<String> proxies() {
        var built = proxies;
        if (built == null) {
            synchronized (this) {
                if (proxies == null) {
                    proxies = Bucket4jLettuce.casBasedBuilder(redis.connection())
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .requestTimeout(Duration.ofMillis(250))
                            .build();
                }
                built = proxies;
            }
        }
        return built;
    }

    /** Whether limits are shared through Redis now (else they are per node). */
    public boolean shared() {
        var state = breaker.getState();
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
    }

    @Override
    public RateDecision take(String key, RateLimit limit) {
        if (!breaker.tryAcquirePermission()) return fallback.take(key, limit);
        long start = System.nanoTime();
        try {
            var bucket = proxies().builder().build(prefix + key, () -> Buckets.configuration(limit));
            RateDecision decision = RateDecision.of(bucket.tryConsumeAndReturnRemaining(1), limit.capacity());
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return decision;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return fallback.take(key, limit);
        }
    }

    @Override
    public void close() {
        fallback.close();
        // The connection belongs to the server; nothing else of ours to release.
    }
}
