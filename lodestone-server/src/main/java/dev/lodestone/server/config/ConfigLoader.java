package dev.lodestone.server.config;

import dev.lodestone.core.engine.BlendWeights;
import dev.lodestone.server.http.HttpLimits;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static dev.lodestone.server.config.Settings.*;

/**
 * Builds {@link ServerConfig} from the rows of {@link Settings}, and checks the rules between settings; every bad
 * value throws {@link ConfigException} naming the setting. The one reader of the process environment.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** The configuration of this process: its environment over the optional properties file. */
    public static ServerConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** {@code env} over the properties file it names in {@code LODESTONE_CONFIG_FILE}, if any. */
    public static ServerConfig load(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        Path file = CONFIG_FILE.read(env);
        if (file != null) values.putAll(readFile(file));
        values.putAll(env);
        // Every row is checked, in the table's order, whether or not the node uses it in this configuration.
        for (Setting<?> setting : Settings.ALL) setting.read(values);
        return build(values);
    }

    private static Map<String, String> readFile(Path file) {
        var props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE.name() + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> values = new HashMap<>();
        props.forEach((k, v) -> {
            String name = k.toString().trim();
            // A misspelt name would otherwise be silently ignored, and the node run with the default.
            if (name.equals(CONFIG_FILE.name()) || Settings.named(name).isEmpty()) {
                throw new ConfigException(CONFIG_FILE.name() + ": " + name + " in " + file
                        + " is not a setting (docs/operations.md#configuration lists them)");
            }
            values.put(name, v.toString().trim());
        });
        return values;
    }

    private static ServerConfig build(Map<String, String> v) {
        int maxConn = DATABASE_MAX_CONNECTIONS.read(v);
        int minConn = DATABASE_MIN_CONNECTIONS.read(v);
        if (minConn > maxConn) {
            throw new ConfigException("DATABASE_MIN_CONNECTIONS (" + minConn + ") exceeds DATABASE_MAX_CONNECTIONS (" + maxConn + ")");
        }
        int maxCount = MAX_RECOMMENDATION_COUNT.read(v);
        int defaultCount = DEFAULT_RECOMMENDATION_COUNT.read(v);
        if (defaultCount > maxCount) throw new ConfigException("DEFAULT_RECOMMENDATION_COUNT exceeds MAX_RECOMMENDATION_COUNT");
        var httpLimits = new HttpLimits(HTTP_HEADER_TIMEOUT_SECS.read(v), HTTP_IDLE_TIMEOUT_SECS.read(v),
                HTTP_READ_TIMEOUT_SECS.read(v), HTTP_BODY_TIMEOUT_SECS.read(v), HTTP_MAX_CONNECTIONS.read(v));
        return new ServerConfig(HOST.read(v), PORT.read(v), DATA_DIR.read(v), DATABASE_URL.read(v), maxConn, minConn,
                DATABASE_ACQUIRE_TIMEOUT_SECS.read(v), DATABASE_STATEMENT_TIMEOUT_SECS.read(v), REDIS_URL.read(v),
                API_KEY.read(v), RATE_LIMIT_REQUESTS_PER_MINUTE.read(v), RATE_LIMIT_BURST_SIZE.read(v),
                SHUTDOWN_GRACE_SECS.read(v), SHUTDOWN_TIMEOUT_SECS.read(v), CORS_ALLOWED_ORIGINS.read(v), blendWeights(v),
                defaultCount, maxCount, RECOMMENDATION_CACHE_TTL_SECS.read(v), TRENDING_WINDOW_DAYS.read(v),
                LOG_LEVEL.read(v), LOG_FORMAT.read(v), RATE_LIMIT_TENANT_OVERRIDES.read(v), RATE_LIMIT_KEY_PREFIX.read(v),
                new RateLimit(PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE.read(v), 0),
                new RateLimit(PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE.read(v), 0), httpLimits,
                IDEMPOTENCY_KEY_TTL_HOURS.read(v), AUTH_FAILURES_PER_MINUTE.read(v), TRUSTED_PROXIES.read(v),
                METRICS_PUBLIC.read(v), LIVE_MAX_CONNECTIONS_PER_KEY.read(v), LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION.read(v),
                LIVE_MAX_WATCHED_PRODUCTS.read(v), LIVE_SEND_TIMEOUT_SECS.read(v), CONFIG_FILE.read(v));
    }

    /** One weight given implies the other (1 minus it); neither gives the default; both must sum to 1. */
    private static BlendWeights blendWeights(Map<String, String> v) {
        try {
            return BlendWeights.of(COLLABORATIVE_WEIGHT.read(v), CONTENT_BASED_WEIGHT.read(v), BlendWeights.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("COLLABORATIVE_WEIGHT and CONTENT_BASED_WEIGHT must sum to 1");
        }
    }
}
