package dev.lodestone.server.ratelimit;

/**
 * The outcome of taking one token from a bucket.
 *
 * @param limit             the bucket's capacity (RateLimit-Limit)
 * @param remaining         tokens left after this request (RateLimit-Remaining)
 * @param resetSeconds      seconds until the bucket is full again (RateLimit-Reset)
 * @param retryAfterSeconds seconds until a token is available; 0 when allowed (Retry-After)
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static RateDecision of(io.github.bucket4j.ConsumptionProbe probe, long capacity) {
        return new RateDecision(probe.isConsumed(), capacity, probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
