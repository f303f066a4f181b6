package dev.lodestone.server.ratelimit;

import dev.lodestone.server.http.Principal;
import dev.lodestone.server.config.RateLimit;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.RequestFilter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-key token buckets, after authentication: one bucket per API key (the admin key is a key too), anonymous
 * callers (keyless loopback mode) one per remote address as the socket reports it — no forwarded-for header is
 * trusted, so no header lets a client pick another bucket. A tenant key uses its tenant's override when one is
 * configured. Public routes (health, readiness, metrics, docs) are not limited, so probes never see 429.
 * If the bucket store fails (Redis down), requests are let through: rate limiting must not take the API down.
 */
public final class RateLimitFilter implements RequestFilter {
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
    static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
    static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");

    private final Buckets buckets;
    private final RateLimit global;
    private final Map<String, RateLimit> tenantOverrides;
    private final AtomicLong lastFailureLog = new AtomicLong();

    private final RateLimit publishableKey;
    private final RateLimit publishableAddress;

    public RateLimitFilter(Buckets buckets, RateLimit global, Map<String, RateLimit> tenantOverrides) {
        this(buckets, global, tenantOverrides, RateLimit.OFF, RateLimit.OFF);
    }

    /**
     * @param publishableKey     the limit of each publishable key (instead of the global one): all shoppers together
     * @param publishableAddress the limit of each client address using a publishable key: one shopper (or bot)
     */
    public RateLimitFilter(Buckets buckets, RateLimit global, Map<String, RateLimit> tenantOverrides,
                           RateLimit publishableKey, RateLimit publishableAddress) {
        this.buckets = buckets;
        this.global = global;
        this.tenantOverrides = Map.copyOf(tenantOverrides);
        this.publishableKey = publishableKey;
        this.publishableAddress = publishableAddress;
    }

    /** Whether any request can be limited at all (else the filter need not be installed). */
    public static boolean anyLimit(RateLimit global, Map<String, RateLimit> tenantOverrides) {
        return !global.off() || tenantOverrides.values().stream().anyMatch(l -> !l.off());
    }

    @Override
    public boolean authenticated(Exchange ex) {
        if (ex.route().access() == Access.PUBLIC) return false;
        Principal principal = ex.principal();
        if (principal.publishable()) {
            // the address first: one abusive client must not use up the key's budget for every shopper
            return take(ex, "pk:" + principal.keyId() + ":ip:" + ex.clientAddress(), publishableAddress)
                    || take(ex, "key:" + principal.keyId(), publishableKey);
        }
        RateLimit limit = principal.kind() == Principal.Kind.TENANT
                ? tenantOverrides.getOrDefault(principal.tenantId(), global)
                : global;
        String subject = principal.kind() == Principal.Kind.ANONYMOUS ? "ip:" + ex.clientAddress() : "key:" + principal.keyId();
        return take(ex, subject, limit);
    }

    /** Takes a token from the subject's bucket: sets the RateLimit headers, 429 when empty. */
    private boolean take(Exchange ex, String subject, RateLimit limit) {
        if (limit.off()) return false;
        RateDecision decision;
        try {
            // The limit is part of the name, so a changed limit starts a fresh bucket instead of reusing a stale one.
            decision = buckets.take(subject + ":" + limit.requestsPerMinute() + ":" + limit.capacity(), limit);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastFailureLog.get();
            if (now - last > 60_000_000_000L && lastFailureLog.compareAndSet(last, now)) {
                log.warn("rate-limit buckets unavailable, letting requests through: {}", e.toString());
            }
            return false;
        }
        var res = ex.response();
        res.header(LIMIT, Long.toString(decision.limit()));
        res.header(REMAINING, Long.toString(decision.remaining()));
        res.header(RESET, Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            throw new ApiException(429, "RATE_LIMITED", "rate limit exceeded: " + limit.requestsPerMinute()
                    + " requests per minute, burst " + limit.capacity() + "; retry after " + decision.retryAfterSeconds() + " s");
        }
        return false;
    }
}
