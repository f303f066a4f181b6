package dev.lodestone.server.config;

import dev.lodestone.core.engine.BlendWeights;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import dev.lodestone.server.http.HttpLimits;
import dev.lodestone.server.http.TrustedProxies;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/** Reads and validates {@link ServerConfig}; every bad value throws {@link ConfigException} naming the variable. */
public final class ConfigLoader {
    public static final String CONFIG_FILE = "LODESTONE_CONFIG_FILE";

    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Environment over the optional properties file. */
    public static ServerConfig load(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            var props = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file))) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException(CONFIG_FILE + ": cannot read " + file + " (" + e.getMessage() + ")");
            }
            props.forEach((k, v) -> merged.put(k.toString().trim(), v.toString().trim()));
        }
        merged.putAll(env);
        return new ConfigLoader(merged).build();
    }

    private ServerConfig build() {
        String host = string("HOST", "127.0.0.1");
        int port = integer("PORT", 8080, 0, 65535);
        Path dataDir = Path.of(string("DATA_DIR", "./data"));
        String databaseUrl = optional("DATABASE_URL");
        if (databaseUrl != null) validateDatabaseUrl(databaseUrl);
        int maxConn = integer("DATABASE_MAX_CONNECTIONS", 10, 1, 1000);
        int minConn = integer("DATABASE_MIN_CONNECTIONS", 1, 0, 1000);
        if (minConn > maxConn) throw new ConfigException("DATABASE_MIN_CONNECTIONS (" + minConn + ") exceeds DATABASE_MAX_CONNECTIONS (" + maxConn + ")");
        Duration acquire = seconds("DATABASE_ACQUIRE_TIMEOUT_SECS", 5, 1, 600);
        Duration statement = seconds("DATABASE_STATEMENT_TIMEOUT_SECS", 30, 1, 3600);
        String redisUrl = optional("REDIS_URL");
        if (redisUrl != null) {
            try {
                URI u = URI.create(redisUrl);
                if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) throw new IllegalArgumentException();
                if (u.getHost() == null) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("REDIS_URL must look like redis://host:6379[/db]");
            }
        }
        String apiKey = optional("API_KEY");
        if (apiKey != null && apiKey.length() < 16) throw new ConfigException("API_KEY must be at least 16 characters");
        int rpm = integer("RATE_LIMIT_REQUESTS_PER_MINUTE", 0, 0, 100_000_000);
        int burst = integer("RATE_LIMIT_BURST_SIZE", 0, 0, 100_000_000);
        Map<String, RateLimit> overrides = tenantRateLimits("RATE_LIMIT_TENANT_OVERRIDES");
        String keyPrefix = string("RATE_LIMIT_KEY_PREFIX", "lodestone:ratelimit:");
        if (keyPrefix.length() > 100 || keyPrefix.chars().anyMatch(ch -> ch <= 0x20 || ch >= 0x7f)) {
            throw new ConfigException("RATE_LIMIT_KEY_PREFIX must be at most 100 printable ASCII characters without spaces");
        }
        // publishable keys are public: always limited, per key and per client address of each key
        int pkPerKey = integer("PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", 6_000, 0, 100_000_000);
        int pkPerAddress = integer("PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", 300, 0, 100_000_000);
        Duration grace = seconds("SHUTDOWN_GRACE_SECS", 5, 0, 3600);
        Duration timeout = seconds("SHUTDOWN_TIMEOUT_SECS", 30, 0, 3600);
        List<String> origins = list("CORS_ALLOWED_ORIGINS");
        double collaborative = decimal("COLLABORATIVE_WEIGHT", Double.NaN, 0, 1);
        double content = decimal("CONTENT_BASED_WEIGHT", Double.NaN, 0, 1);
        BlendWeights weights;
        try {
            weights = BlendWeights.of(Double.isNaN(collaborative) ? null : collaborative,
                    Double.isNaN(content) ? null : content, BlendWeights.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("COLLABORATIVE_WEIGHT and CONTENT_BASED_WEIGHT must sum to 1");
        }
        int maxCount = integer("MAX_RECOMMENDATION_COUNT", 100, 1, 1000);
        int defCount = integer("DEFAULT_RECOMMENDATION_COUNT", 10, 1, 1000);
        if (defCount > maxCount) throw new ConfigException("DEFAULT_RECOMMENDATION_COUNT exceeds MAX_RECOMMENDATION_COUNT");
        Duration cacheTtl = seconds("RECOMMENDATION_CACHE_TTL_SECS", 300, 0, 86_400);
        double window = decimal("TRENDING_WINDOW_DAYS", 7, 0.001, 3650);
        String level = oneOf("LOG_LEVEL", "info", "trace", "debug", "info", "warn", "error");
        String format = oneOf("LOG_FORMAT", "text", "text", "json");
        int liveConnections = integer("LIVE_MAX_CONNECTIONS_PER_KEY", 10_000, 1, 1_000_000);
        int liveSubscriptions = integer("LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", 50, 1, 10_000);
        int liveProducts = integer("LIVE_MAX_WATCHED_PRODUCTS", 100_000, 1, 10_000_000);
        Duration liveSendTimeout = seconds("LIVE_SEND_TIMEOUT_SECS", 10, 1, 3600);
        boolean metricsPublic = bool("METRICS_PUBLIC", false);
        Duration idempotencyTtl = Duration.ofHours(integer("IDEMPOTENCY_KEY_TTL_HOURS", 24, 1, 24 * 366));
        return new ServerConfig(host, port, dataDir, databaseUrl, maxConn, minConn, acquire, statement, redisUrl,
                apiKey, rpm, burst, grace, timeout, origins, weights, defCount, maxCount, cacheTtl,
                window, level, format, overrides, keyPrefix, new RateLimit(pkPerKey, 0), new RateLimit(pkPerAddress, 0),
                httpLimits(), idempotencyTtl, integer("AUTH_FAILURES_PER_MINUTE", 60, 0, 100_000_000), trustedProxies(), metricsPublic,
                liveConnections, liveSubscriptions, liveProducts, liveSendTimeout);
    }

    private TrustedProxies trustedProxies() {
        try {
            return TrustedProxies.parse(optional("TRUSTED_PROXIES"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TRUSTED_PROXIES: " + e.getMessage());
        }
    }

    private HttpLimits httpLimits() {
        return new HttpLimits(
                seconds("HTTP_HEADER_TIMEOUT_SECS", (int) HttpLimits.DEFAULT.headerTimeout().toSeconds(), 1, 3600),
                seconds("HTTP_IDLE_TIMEOUT_SECS", (int) HttpLimits.DEFAULT.idleTimeout().toSeconds(), 1, 86_400),
                seconds("HTTP_READ_TIMEOUT_SECS", (int) HttpLimits.DEFAULT.readTimeout().toSeconds(), 1, 3600),
                seconds("HTTP_BODY_TIMEOUT_SECS", (int) HttpLimits.DEFAULT.bodyTimeout().toSeconds(), 1, 86_400),
                integer("HTTP_MAX_CONNECTIONS", HttpLimits.DEFAULT.maxConnections(), 1, 1_000_000));
    }

    /** The effective configuration for /api/config: secrets masked. */
    public static Map<String, Object> describe(ServerConfig c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("HOST", c.host());
        m.put("PORT", c.port());
        m.put("DATA_DIR", c.dataDir().toString());
        m.put("DATABASE_URL", c.databaseUrl() == null ? null : maskUrl(c.databaseUrl()));
        m.put("store", c.databaseUrl() == null ? "sqlite" : "postgresql");
        m.put("DATABASE_MAX_CONNECTIONS", c.databaseMaxConnections());
        m.put("DATABASE_MIN_CONNECTIONS", c.databaseMinConnections());
        m.put("DATABASE_ACQUIRE_TIMEOUT_SECS", c.databaseAcquireTimeout().toSeconds());
        m.put("DATABASE_STATEMENT_TIMEOUT_SECS", c.databaseStatementTimeout().toSeconds());
        m.put("REDIS_URL", c.redisUrl() == null ? null : maskUrl(c.redisUrl()));
        m.put("API_KEY", c.apiKey() == null ? null : "********");
        m.put("RATE_LIMIT_REQUESTS_PER_MINUTE", c.rateLimitRequestsPerMinute());
        m.put("RATE_LIMIT_BURST_SIZE", c.rateLimitBurstSize());
        var overrides = new LinkedHashMap<String, Object>();
        c.rateLimitTenantOverrides().forEach((t, l) -> overrides.put(t, Map.of("requests_per_minute", l.requestsPerMinute(),
                "burst_size", l.burstSize())));
        m.put("RATE_LIMIT_TENANT_OVERRIDES", overrides);
        m.put("RATE_LIMIT_KEY_PREFIX", c.rateLimitKeyPrefix());
        m.put("PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", c.publishableKeyRateLimit().requestsPerMinute());
        m.put("PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", c.publishableAddressRateLimit().requestsPerMinute());
        m.put("SHUTDOWN_GRACE_SECS", c.shutdownGrace().toSeconds());
        m.put("SHUTDOWN_TIMEOUT_SECS", c.shutdownTimeout().toSeconds());
        m.put("HTTP_HEADER_TIMEOUT_SECS", c.httpLimits().headerTimeout().toSeconds());
        m.put("HTTP_IDLE_TIMEOUT_SECS", c.httpLimits().idleTimeout().toSeconds());
        m.put("HTTP_READ_TIMEOUT_SECS", c.httpLimits().readTimeout().toSeconds());
        m.put("HTTP_BODY_TIMEOUT_SECS", c.httpLimits().bodyTimeout().toSeconds());
        m.put("HTTP_MAX_CONNECTIONS", c.httpLimits().maxConnections());
        m.put("AUTH_FAILURES_PER_MINUTE", c.authFailuresPerMinute());
        m.put("TRUSTED_PROXIES", c.trustedProxies().toString());
        m.put("CORS_ALLOWED_ORIGINS", c.corsAllowedOrigins());
        m.put("COLLABORATIVE_WEIGHT", c.blendWeights().collaborative());
        m.put("CONTENT_BASED_WEIGHT", c.blendWeights().content());
        m.put("DEFAULT_RECOMMENDATION_COUNT", c.defaultRecommendationCount());
        m.put("MAX_RECOMMENDATION_COUNT", c.maxRecommendationCount());
        m.put("RECOMMENDATION_CACHE_TTL_SECS", c.recommendationCacheTtl().toSeconds());
        m.put("TRENDING_WINDOW_DAYS", c.trendingWindowDays());
        m.put("LOG_LEVEL", c.logLevel());
        m.put("LOG_FORMAT", c.logFormat());
        m.put("LIVE_MAX_CONNECTIONS_PER_KEY", c.liveMaxConnectionsPerKey());
        m.put("LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", c.liveMaxSubscriptionsPerConnection());
        m.put("LIVE_MAX_WATCHED_PRODUCTS", c.liveMaxWatchedProducts());
        m.put("LIVE_SEND_TIMEOUT_SECS", c.liveSendTimeout().toSeconds());
        m.put("IDEMPOTENCY_KEY_TTL_HOURS", c.idempotencyKeyTtl().toHours());
        m.put("METRICS_PUBLIC", c.metricsPublic());
        return m;
    }

    /** Replaces the password of a URL's user-info with asterisks. */
    public static String maskUrl(String url) {
        return url.replaceAll("(//[^:/@]*):[^@/]*@", "$1:********@").replaceAll("(?i)(password=)[^&]*", "$1********");
    }

    public static boolean isLoopback(String host) {
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void validateDatabaseUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return;
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            try {
                URI u = URI.create(url);
                if (u.getHost() == null || u.getPath() == null || u.getPath().length() <= 1) throw new IllegalArgumentException();
                return;
            } catch (IllegalArgumentException e) {
                throw new ConfigException("DATABASE_URL must look like postgresql://user:password@host:5432/database");
            }
        }
        throw new ConfigException("DATABASE_URL must be a postgresql://user:password@host:port/db or jdbc:postgresql: URL");
    }

    private String optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String string(String name, String def) {
        String v = optional(name);
        return v == null ? def : v;
    }

    private int integer(String name, int def, int min, int max) {
        return parse(name, def, Integer::parseInt, v -> v >= min && v <= max, "an integer between " + min + " and " + max);
    }

    private double decimal(String name, double def, double min, double max) {
        return parse(name, def, Double::parseDouble, v -> v >= min && v <= max, "a number between " + min + " and " + max);
    }

    private Duration seconds(String name, long def, long min, long max) {
        long s = parse(name, def, Long::parseLong, v -> v >= min && v <= max, "whole seconds between " + min + " and " + max);
        return Duration.ofSeconds(s);
    }

    private <T> T parse(String name, T def, Function<String, T> parser, java.util.function.Predicate<T> valid, String expected) {
        String v = optional(name);
        if (v == null) return def;
        T parsed;
        try {
            parsed = parser.apply(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be " + expected + " (got '" + v + "')");
        }
        if (!valid.test(parsed)) throw new ConfigException(name + " must be " + expected + " (got '" + v + "')");
        return parsed;
    }

    private boolean bool(String name, boolean def) {
        return "true".equals(oneOf(name, Boolean.toString(def), "true", "false"));
    }

    private String oneOf(String name, String def, String... allowed) {
        String v = optional(name);
        if (v == null) return def;
        String lower = v.toLowerCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(lower)) return lower;
        throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + " (got '" + v + "')");
    }

    /** {@code tenantA:600:100,tenantB:0:0} → per-tenant requests per minute and burst size. */
    private Map<String, RateLimit> tenantRateLimits(String name) {
        var result = new LinkedHashMap<String, RateLimit>();
        for (String item : list(name)) {
            String[] parts = item.split(":");
            String expected = name + " must be a comma list of tenant:requests_per_minute:burst_size (got '" + item + "')";
            if (parts.length != 3 || !parts[0].trim().matches("[A-Za-z0-9._-]{1,255}")) throw new ConfigException(expected);
            try {
                int rpm = Integer.parseInt(parts[1].trim());
                int burst = Integer.parseInt(parts[2].trim());
                if (rpm < 0 || burst < 0) throw new ConfigException(expected);
                if (result.put(parts[0].trim(), new RateLimit(rpm, burst)) != null) {
                    throw new ConfigException(name + " names tenant " + parts[0].trim() + " twice");
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(expected);
            }
        }
        return Map.copyOf(result);
    }

    private List<String> list(String name) {
        String v = optional(name);
        if (v == null) return List.of();
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
