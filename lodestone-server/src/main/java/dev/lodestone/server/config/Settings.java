package dev.lodestone.server.config;

import dev.lodestone.core.engine.BlendWeights;
import dev.lodestone.server.http.HttpLimits;
import dev.lodestone.server.http.TrustedProxies;
import dev.lodestone.store.StoreConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.lodestone.server.config.ValueType.bool;
import static dev.lodestone.server.config.ValueType.decimal;
import static dev.lodestone.server.config.ValueType.hours;
import static dev.lodestone.server.config.ValueType.integer;
import static dev.lodestone.server.config.ValueType.list;
import static dev.lodestone.server.config.ValueType.oneOf;
import static dev.lodestone.server.config.ValueType.path;
import static dev.lodestone.server.config.ValueType.seconds;
import static dev.lodestone.server.config.ValueType.text;

/**
 * The table of every setting the server reads, in the order the docs and {@code GET /api/config} list them. It is
 * the one place a setting is declared: {@link ConfigLoader} reads each row into {@link ServerConfig},
 * {@link MaskedConfig} shows the rows with secrets masked, and {@link SettingsDoc} writes the table of
 * docs/operations.md. A new setting is a row here, a component of {@link ServerConfig} filled in
 * {@link ConfigLoader}, and {@code ./lodestone config-docs}.
 */
public final class Settings {
    private static final int MANY = 100_000_000;

    public static final Setting<String> HOST = Setting.of("HOST", text("a host name or IP address"), "127.0.0.1",
            ServerConfig::host, "listen address; a non-loopback address requires `API_KEY`");
    public static final Setting<Integer> PORT = Setting.of("PORT", integer(0, 65535), 8080, ServerConfig::port,
            "listen port (0 = any free port)");
    public static final Setting<Path> DATA_DIR = Setting.of("DATA_DIR", path("a directory path"), Path.of("./data"),
            ServerConfig::dataDir, "directory of the embedded SQLite store (used when `DATABASE_URL` is unset), and on"
                    + " every store of `rows/`: each tenant's saved neighbour rows, so that a restart does not compute them"
                    + " again (derived data: safe to delete, rebuilt after the next start)");
    public static final Setting<String> DATABASE_URL = Setting.of("DATABASE_URL",
            ValueType.of("a postgresql://user:password@host:port/db or jdbc:postgresql: URL", Settings::postgresUrl), null,
            ServerConfig::databaseUrl, "the PostgreSQL store; unset, the embedded SQLite store in `DATA_DIR`")
            .secret(Secrecy.URL_PASSWORD).defaultText("unset (embedded SQLite)");
    public static final Setting<Integer> DATABASE_MAX_CONNECTIONS = Setting.of("DATABASE_MAX_CONNECTIONS",
            integer(1, 1000), StoreConfig.DEFAULT_MAX_CONNECTIONS, ServerConfig::databaseMaxConnections,
            "store connection pool size");
    public static final Setting<Integer> DATABASE_MIN_CONNECTIONS = Setting.of("DATABASE_MIN_CONNECTIONS",
            integer(0, 1000), StoreConfig.DEFAULT_MIN_CONNECTIONS, ServerConfig::databaseMinConnections,
            "idle connections kept (at most `DATABASE_MAX_CONNECTIONS`)");
    public static final Setting<Duration> DATABASE_ACQUIRE_TIMEOUT_SECS = Setting.of("DATABASE_ACQUIRE_TIMEOUT_SECS",
            seconds(1, 600), StoreConfig.DEFAULT_ACQUIRE_TIMEOUT, ServerConfig::databaseAcquireTimeout,
            "wait for a pooled connection");
    public static final Setting<Duration> DATABASE_STATEMENT_TIMEOUT_SECS = Setting.of("DATABASE_STATEMENT_TIMEOUT_SECS",
            seconds(1, 3600), StoreConfig.DEFAULT_STATEMENT_TIMEOUT, ServerConfig::databaseStatementTimeout,
            "PostgreSQL statement timeout (exports stream without one)");
    public static final Setting<String> REDIS_URL = Setting.of("REDIS_URL",
            ValueType.of("a redis://[user:password@]host:port[/db] or rediss://… URL", Settings::redisUrl), null,
            ServerConfig::redisUrl, "shared rate-limit buckets and a readiness check; unset, limits are per node")
            .secret(Secrecy.URL_PASSWORD);
    public static final Setting<String> API_KEY = Setting.of("API_KEY",
            ValueType.of("at least 16 characters", ValueType.checked(raw -> raw, key -> key.length() >= 16)), null,
            ServerConfig::apiKey, "the admin key; unset is allowed only on loopback (then no key is needed)")
            .secret(Secrecy.SECRET);
    public static final Setting<Integer> RATE_LIMIT_REQUESTS_PER_MINUTE = Setting.of("RATE_LIMIT_REQUESTS_PER_MINUTE",
            integer(0, MANY), 0, ServerConfig::rateLimitRequestsPerMinute, "tokens per minute per key")
            .defaultText("`0` (off)");
    public static final Setting<Integer> RATE_LIMIT_BURST_SIZE = Setting.of("RATE_LIMIT_BURST_SIZE",
            integer(0, MANY), 0, ServerConfig::rateLimitBurstSize, "bucket capacity")
            .defaultText("`0` (= one minute's worth)");
    public static final Setting<Map<String, RateLimit>> RATE_LIMIT_TENANT_OVERRIDES = Setting.of(
            "RATE_LIMIT_TENANT_OVERRIDES", new ValueType<>("a comma list of tenant:requests_per_minute:burst_size naming"
                    + " each tenant once", Settings::tenantRateLimits, Settings::shownRateLimits), Map.of(),
            ServerConfig::rateLimitTenantOverrides, "limits of tenant keys instead of the global one; `0` requests per"
                    + " minute = no limit").defaultText("unset");
    public static final Setting<String> RATE_LIMIT_KEY_PREFIX = Setting.of("RATE_LIMIT_KEY_PREFIX",
            ValueType.of("at most 100 printable ASCII characters without spaces", ValueType.checked(raw -> raw,
                    prefix -> prefix.length() <= 100 && prefix.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f))),
            "lodestone:ratelimit:", ServerConfig::rateLimitKeyPrefix,
            "Redis key prefix of the buckets (separate deployments sharing one Redis)");
    // Publishable keys are public: always limited, per key and per client address of each key.
    public static final Setting<Integer> PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE = Setting.of(
            "PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", integer(0, MANY), 6_000,
            c -> c.publishableKeyRateLimit().requestsPerMinute(),
            "requests per minute of each publishable key (all its shoppers together); `0` = no limit");
    public static final Setting<Integer> PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE = Setting.of(
            "PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", integer(0, MANY), 300,
            c -> c.publishableAddressRateLimit().requestsPerMinute(), "requests per minute per client address of each"
                    + " publishable key, and A/B events per client address; `0` = no limit");
    public static final Setting<Duration> SHUTDOWN_GRACE_SECS = Setting.of("SHUTDOWN_GRACE_SECS", seconds(0, 3600),
            Duration.ofSeconds(5), ServerConfig::shutdownGrace, "serving after SIGTERM with `/ready` at 503");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT_SECS = Setting.of("SHUTDOWN_TIMEOUT_SECS", seconds(0, 3600),
            Duration.ofSeconds(30), ServerConfig::shutdownTimeout, "for in-flight requests to drain");
    public static final Setting<Duration> HTTP_HEADER_TIMEOUT_SECS = Setting.of("HTTP_HEADER_TIMEOUT_SECS",
            seconds(1, 3600), HttpLimits.DEFAULT.headerTimeout(), c -> c.httpLimits().headerTimeout(),
            "from a request's first byte to the end of its headers, and from connecting to a new connection's first"
                    + " request; then 408 or close");
    public static final Setting<Duration> HTTP_IDLE_TIMEOUT_SECS = Setting.of("HTTP_IDLE_TIMEOUT_SECS",
            seconds(1, 86_400), HttpLimits.DEFAULT.idleTimeout(), c -> c.httpLimits().idleTimeout(),
            "a kept-alive connection without a new request is closed");
    public static final Setting<Duration> HTTP_READ_TIMEOUT_SECS = Setting.of("HTTP_READ_TIMEOUT_SECS",
            seconds(1, 3600), HttpLimits.DEFAULT.readTimeout(), c -> c.httpLimits().readTimeout(),
            "a body read, or a response write to a client that does not read, without progress; then 408 or close");
    public static final Setting<Duration> HTTP_BODY_TIMEOUT_SECS = Setting.of("HTTP_BODY_TIMEOUT_SECS",
            seconds(1, 86_400), HttpLimits.DEFAULT.bodyTimeout(), c -> c.httpLimits().bodyTimeout(),
            "a whole request body, however slowly it trickles; then 408");
    public static final Setting<Integer> HTTP_MAX_CONNECTIONS = Setting.of("HTTP_MAX_CONNECTIONS",
            integer(1, 1_000_000), HttpLimits.DEFAULT.maxConnections(), c -> c.httpLimits().maxConnections(),
            "connections served at once; more wait in the listen backlog");
    public static final Setting<Integer> AUTH_FAILURES_PER_MINUTE = Setting.of("AUTH_FAILURES_PER_MINUTE",
            integer(0, MANY), 60, ServerConfig::authFailuresPerMinute, "requests with a missing, invalid or unknown key"
                    + " per client address and minute, live-activity socket handshakes included (then 429, no store lookup;"
                    + " a socket's upgrade is refused); `0` = no limit");
    public static final Setting<List<String>> CORS_ALLOWED_ORIGINS = Setting.of("CORS_ALLOWED_ORIGINS",
            list("a comma list of origins, or *"), List.of(), ServerConfig::corsAllowedOrigins,
            "origins whose pages may call the API from a browser").defaultText("unset (no cross-origin access)");
    public static final Setting<TrustedProxies> TRUSTED_PROXIES = Setting.of("TRUSTED_PROXIES",
            new ValueType<>("a comma list of IP addresses and CIDR blocks", TrustedProxies::parse, TrustedProxies::toString),
            TrustedProxies.NONE, ServerConfig::trustedProxies, "load balancers whose `X-Forwarded-For` names the client"
                    + " for per-address limits").defaultText("unset (trust none)");
    public static final Setting<Double> COLLABORATIVE_WEIGHT = Setting.of("COLLABORATIVE_WEIGHT", decimal(0, 1), null,
            c -> c.blendWeights().collaborative(), "default hybrid weight of collaborative filtering")
            .defaultText("`" + BlendWeights.DEFAULT.collaborative() + "`");
    public static final Setting<Double> CONTENT_BASED_WEIGHT = Setting.of("CONTENT_BASED_WEIGHT", decimal(0, 1), null,
            c -> c.blendWeights().content(), "default hybrid weight of content similarity; if only one weight is"
                    + " given, the other is 1 minus it; both must sum to 1")
            .defaultText("`" + BlendWeights.DEFAULT.content() + "`");
    public static final Setting<Integer> DEFAULT_RECOMMENDATION_COUNT = Setting.of("DEFAULT_RECOMMENDATION_COUNT",
            integer(1, 1000), 10, ServerConfig::defaultRecommendationCount,
            "`count` when absent (at most `MAX_RECOMMENDATION_COUNT`)");
    public static final Setting<Integer> MAX_RECOMMENDATION_COUNT = Setting.of("MAX_RECOMMENDATION_COUNT",
            integer(1, 1000), 100, ServerConfig::maxRecommendationCount, "largest accepted `count`");
    public static final Setting<Duration> RECOMMENDATION_CACHE_TTL_SECS = Setting.of("RECOMMENDATION_CACHE_TTL_SECS",
            seconds(0, 86_400), Duration.ofSeconds(300), ServerConfig::recommendationCacheTtl, "longest life of a cached"
                    + " recommendation list (`0` turns the cache off). Any write that can change a list invalidates it"
                    + " at once, whatever the TTL");
    public static final Setting<Double> TRENDING_WINDOW_DAYS = Setting.of("TRENDING_WINDOW_DAYS", decimal(0.001, 3650),
            7.0, ServerConfig::trendingWindowDays, "default trending window in days");
    public static final Setting<String> LOG_LEVEL = Setting.of("LOG_LEVEL",
            oneOf("trace", "debug", "info", "warn", "error"), "info", ServerConfig::logLevel,
            "the least severe events logged (`warn` silences the access log)");
    public static final Setting<String> LOG_FORMAT = Setting.of("LOG_FORMAT", oneOf("text", "json"), "text",
            ServerConfig::logFormat, "one line of text or one JSON object per event (see [Logs](#logs))");
    public static final Setting<Duration> IDEMPOTENCY_KEY_TTL_HOURS = Setting.of("IDEMPOTENCY_KEY_TTL_HOURS",
            hours(1, 24 * 366), Duration.ofHours(24), ServerConfig::idempotencyKeyTtl, "how long an `Idempotency-Key`"
                    + " is honoured; expired keys are deleted in the background every 10 minutes");
    public static final Setting<Boolean> METRICS_PUBLIC = Setting.of("METRICS_PUBLIC", bool(), false,
            ServerConfig::metricsPublic, "`true` lets `/metrics` answer without a key off loopback (on loopback it"
                    + " always does)");
    public static final Setting<Integer> LIVE_MAX_CONNECTIONS_PER_KEY = Setting.of("LIVE_MAX_CONNECTIONS_PER_KEY",
            integer(1, 1_000_000), 10_000, ServerConfig::liveMaxConnectionsPerKey, "open live-activity sockets"
                    + " (`/ws/activity`) per key; a publishable key is shared by every shopper of a shop");
    public static final Setting<Integer> LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION = Setting.of(
            "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", integer(1, 10_000), 50,
            ServerConfig::liveMaxSubscriptionsPerConnection, "products one live-activity socket may watch at once");
    public static final Setting<Integer> LIVE_MAX_WATCHED_PRODUCTS = Setting.of("LIVE_MAX_WATCHED_PRODUCTS",
            integer(1, 10_000_000), 100_000, ServerConfig::liveMaxWatchedProducts,
            "products one node tracks live activity for at once");
    public static final Setting<Duration> LIVE_SEND_TIMEOUT_SECS = Setting.of("LIVE_SEND_TIMEOUT_SECS",
            seconds(1, 3600), Duration.ofSeconds(10), ServerConfig::liveSendTimeout,
            "a live-activity client that does not take a push within this long is disconnected");
    public static final Setting<Path> CONFIG_FILE = Setting.of("LODESTONE_CONFIG_FILE", path("a file path"), null,
            ServerConfig::configFile, "a properties file (`NAME=value` lines) of these settings; the environment wins"
                    + " over it. Read from the environment only; a name in the file that is not a setting stops start-up");

    /** Every setting, in order. */
    public static final List<Setting<?>> ALL = List.of(HOST, PORT, DATA_DIR, DATABASE_URL, DATABASE_MAX_CONNECTIONS,
            DATABASE_MIN_CONNECTIONS, DATABASE_ACQUIRE_TIMEOUT_SECS, DATABASE_STATEMENT_TIMEOUT_SECS, REDIS_URL, API_KEY,
            RATE_LIMIT_REQUESTS_PER_MINUTE, RATE_LIMIT_BURST_SIZE, RATE_LIMIT_TENANT_OVERRIDES, RATE_LIMIT_KEY_PREFIX,
            PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE, PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE, SHUTDOWN_GRACE_SECS,
            SHUTDOWN_TIMEOUT_SECS, HTTP_HEADER_TIMEOUT_SECS, HTTP_IDLE_TIMEOUT_SECS, HTTP_READ_TIMEOUT_SECS,
            HTTP_BODY_TIMEOUT_SECS, HTTP_MAX_CONNECTIONS, AUTH_FAILURES_PER_MINUTE, CORS_ALLOWED_ORIGINS, TRUSTED_PROXIES,
            COLLABORATIVE_WEIGHT, CONTENT_BASED_WEIGHT, DEFAULT_RECOMMENDATION_COUNT, MAX_RECOMMENDATION_COUNT,
            RECOMMENDATION_CACHE_TTL_SECS, TRENDING_WINDOW_DAYS, LOG_LEVEL, LOG_FORMAT, IDEMPOTENCY_KEY_TTL_HOURS,
            METRICS_PUBLIC, LIVE_MAX_CONNECTIONS_PER_KEY, LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION, LIVE_MAX_WATCHED_PRODUCTS,
            LIVE_SEND_TIMEOUT_SECS, CONFIG_FILE);

    private Settings() {
    }

    /** The setting of this name, if there is one. */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static String postgresUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return url;
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) throw new IllegalArgumentException();
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) throw new IllegalArgumentException();
        return url;
    }

    private static String redisUrl(String url) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return url;
    }

    /** {@code tenantA:600:100,tenantB:0:0} → per-tenant requests per minute and burst size. */
    private static Map<String, RateLimit> tenantRateLimits(String text) {
        var limits = new LinkedHashMap<String, RateLimit>();
        for (String item : text.split(",")) {
            if (item.isBlank()) continue;
            String[] parts = item.split(":");
            if (parts.length != 3 || !parts[0].trim().matches("[A-Za-z0-9._-]{1,255}")) throw new IllegalArgumentException();
            int rpm = Integer.parseInt(parts[1].trim());
            int burst = Integer.parseInt(parts[2].trim());
            if (rpm < 0 || burst < 0 || limits.put(parts[0].trim(), new RateLimit(rpm, burst)) != null) {
                throw new IllegalArgumentException();
            }
        }
        return Collections.unmodifiableMap(limits);
    }

    private static Object shownRateLimits(Map<String, RateLimit> limits) {
        var shown = new LinkedHashMap<String, Object>();
        limits.forEach((tenant, limit) -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("requests_per_minute", limit.requestsPerMinute());
            fields.put("burst_size", limit.burstSize());
            shown.put(tenant, fields);
        });
        return shown;
    }
}
