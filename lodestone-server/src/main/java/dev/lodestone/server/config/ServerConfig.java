package dev.lodestone.server.config;

import dev.lodestone.core.engine.BlendWeights;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Effective configuration, read once at start-up from the environment (and optionally a properties file named by
 * {@code LODESTONE_CONFIG_FILE}; the environment wins) by {@link ConfigLoader}. {@link Settings} names each
 * setting, its default and what it accepts.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        int databaseMaxConnections,
        int databaseMinConnections,
        Duration databaseAcquireTimeout,
        Duration databaseStatementTimeout,
        String redisUrl,
        String apiKey,
        int rateLimitRequestsPerMinute,
        int rateLimitBurstSize,
        Duration shutdownGrace,
        Duration shutdownTimeout,
        List<String> corsAllowedOrigins,
        BlendWeights blendWeights,
        int defaultRecommendationCount,
        int maxRecommendationCount,
        Duration recommendationCacheTtl,
        double trendingWindowDays,
        String logLevel,
        String logFormat,
        java.util.Map<String, RateLimit> rateLimitTenantOverrides,
        String rateLimitKeyPrefix,
        RateLimit publishableKeyRateLimit,
        RateLimit publishableAddressRateLimit,
        dev.lodestone.server.http.HttpLimits httpLimits,
        Duration idempotencyKeyTtl,
        int authFailuresPerMinute,
        dev.lodestone.server.http.TrustedProxies trustedProxies,
        boolean metricsPublic,
        int liveMaxConnectionsPerKey,
        int liveMaxSubscriptionsPerConnection,
        int liveMaxWatchedProducts,
        Duration liveSendTimeout,
        Path configFile) {

    /** Missing, invalid or unknown keys one client address may send per minute (then 429); 0 = no limit. */
    public RateLimit authFailureLimit() {
        return new RateLimit(authFailuresPerMinute, 0);
    }

    /** The global per-key limit. */
    public RateLimit rateLimit() {
        return new RateLimit(rateLimitRequestsPerMinute, rateLimitBurstSize);
    }

    /**
     * Whether {@code /metrics} answers without a key: always on loopback, else only when {@code METRICS_PUBLIC=true}
     * (the metrics name every tenant and its size).
     */
    public boolean metricsOpen() {
        return metricsPublic || loopbackOnly();
    }

    public boolean loopbackOnly() {
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
