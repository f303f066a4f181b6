package dev.lodestone.server.config;

/**
 * A token bucket: {@code requestsPerMinute} tokens refill per minute, up to {@code burstSize} (0 = one minute's
 * worth). {@code requestsPerMinute == 0} means no limit. Used for the global limit and for per-tenant overrides
 * ({@code RATE_LIMIT_TENANT_OVERRIDES}).
 */
public record RateLimit(int requestsPerMinute, int burstSize) {
    public static final RateLimit OFF = new RateLimit(0, 0);

    public boolean off() {
        return requestsPerMinute == 0;
    }

    /** The bucket's capacity. */
    public int capacity() {
        return burstSize > 0 ? burstSize : requestsPerMinute;
    }
}
