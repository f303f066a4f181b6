package dev.lodestone.client;

import java.time.Duration;

/**
 * When and how long to retry. 429 and 503 are answered before the server does anything, so every request is retried
 * on them, after {@code Retry-After} when the server sends it, else after an exponential back-off with jitter. A
 * request that got no answer (connection reset, timeout) is retried only when repeating it is safe: GET, PUT,
 * DELETE, and POSTs carrying an idempotency key the server honours.
 *
 * @param maxRetries    retries after the first attempt (0 = never retry)
 * @param initialDelay  first back-off when the server gives no Retry-After; doubled each retry
 * @param maxDelay      longest back-off, and the longest Retry-After the client waits (longer ones fail at once)
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        if (initialDelay.isNegative() || maxDelay.isNegative()) throw new IllegalArgumentException("delays must be >= 0");
    }

    /** Back-off before retry number {@code attempt} (1-based) without a Retry-After: doubling, capped, with jitter. */
    Duration backoff(int attempt, double random) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        // "Equal jitter": half fixed, half random, so clients that failed together do not retry together.
        return Duration.ofMillis(capped / 2 + (long) (random * (capped / 2.0)));
    }
}
