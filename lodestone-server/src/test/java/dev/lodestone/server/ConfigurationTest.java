package dev.lodestone.server;

import dev.lodestone.server.config.ConfigException;
import dev.lodestone.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every variable is validated at start-up with a message naming it; /api/config shows values with secrets masked. */
class ConfigurationTest {
    static final String ADMIN = "admin-key-for-config-tests-01";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PORT|http",
            "PORT|70000",
            "DATABASE_URL|mysql://db/x",
            "DATABASE_URL|postgresql://host-without-database",
            "DATABASE_MAX_CONNECTIONS|0",
            "DATABASE_MIN_CONNECTIONS|-1",
            "DATABASE_ACQUIRE_TIMEOUT_SECS|soon",
            "DATABASE_STATEMENT_TIMEOUT_SECS|0",
            "REDIS_URL|http://127.0.0.1:6379",
            "API_KEY|short",
            "RATE_LIMIT_REQUESTS_PER_MINUTE|-5",
            "RATE_LIMIT_BURST_SIZE|lots",
            "RATE_LIMIT_TENANT_OVERRIDES|acme:fast:10",
            "RATE_LIMIT_TENANT_OVERRIDES|acme:100",
            "RATE_LIMIT_KEY_PREFIX|has space",
            "SHUTDOWN_GRACE_SECS|-1",
            "SHUTDOWN_TIMEOUT_SECS|forever",
            "COLLABORATIVE_WEIGHT|1.5",
            "CONTENT_BASED_WEIGHT|x",
            "DEFAULT_RECOMMENDATION_COUNT|0",
            "MAX_RECOMMENDATION_COUNT|100000",
            "RECOMMENDATION_CACHE_TTL_SECS|-3",
            "TRENDING_WINDOW_DAYS|0",
            "LOG_LEVEL|loud",
            "LOG_FORMAT|xml",
    })
    void aBadValueStopsStartUpNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(name);
    }

    @Test
    void inconsistentPairsNameTheirVariables() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_MIN_CONNECTIONS", "20", "DATABASE_MAX_CONNECTIONS", "5")))
                .hasMessageContaining("DATABASE_MIN_CONNECTIONS");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("COLLABORATIVE_WEIGHT", "0.5", "CONTENT_BASED_WEIGHT", "0.6")))
                .hasMessageContaining("COLLABORATIVE_WEIGHT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DEFAULT_RECOMMENDATION_COUNT", "50", "MAX_RECOMMENDATION_COUNT", "20")))
                .hasMessageContaining("DEFAULT_RECOMMENDATION_COUNT");
    }

    @Test
    void goodValuesAreTakenAsGiven() {
        var c = ConfigLoader.load(Map.of("RATE_LIMIT_REQUESTS_PER_MINUTE", "120", "RATE_LIMIT_TENANT_OVERRIDES", "acme:600:100, free:0:0",
                "CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example", "REDIS_URL", "redis://127.0.0.1:6379/2"));
        assertThat(c.rateLimit().requestsPerMinute()).isEqualTo(120);
        assertThat(c.rateLimit().capacity()).as("burst defaults to a minute's worth").isEqualTo(120);
        assertThat(c.rateLimitTenantOverrides().get("acme").capacity()).isEqualTo(100);
        assertThat(c.rateLimitTenantOverrides().get("free").off()).isTrue();
        assertThat(c.corsAllowedOrigins()).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void aBadValueExitsNonZeroPrintingTheVariable(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("bad.log");
        int exit = ServerProcess.runToExit(Map.of("DATA_DIR", dir.toString(), "SHUTDOWN_TIMEOUT_SECS", "soon"), log, Duration.ofSeconds(60));
        assertThat(exit).isNotZero();
        assertThat(Files.readString(log)).contains("SHUTDOWN_TIMEOUT_SECS");
    }

    @Test
    void aServerReachableFromOtherMachinesRefusesToStartWithoutAKey(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("open.log");
        int exit = ServerProcess.runToExit(Map.of("DATA_DIR", dir.toString(), "HOST", "0.0.0.0"), log, Duration.ofSeconds(60));
        assertThat(exit).isNotZero();
        assertThat(Files.readString(log)).contains("API_KEY").contains("0.0.0.0");
    }

    @Test
    void apiConfigShowsEffectiveValuesWithSecretsMaskedToTheAdminOnly(@TempDir Path dir) {
        var env = new HashMap<String, String>();
        env.put("API_KEY", ADMIN);
        env.put("REDIS_URL", "redis://127.0.0.1:6379/0");
        // Described only (the test server runs on its own SQLite store): the password must not show.
        env.put("DATABASE_URL", "postgresql://app:hunter2-db@127.0.0.1:5432/test");
        env.put("RATE_LIMIT_TENANT_OVERRIDES", "acme:600:100");
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, env)) {
            var admin = running.http.withHeader("X-API-Key", ADMIN);
            var config = admin.get("/api/config");
            assertThat(config.status()).isEqualTo(200);
            assertThat(config.body()).doesNotContain(ADMIN).doesNotContain("hunter2");
            assertThat(config.json().get("API_KEY").asText()).isEqualTo("********");
            assertThat(config.json().get("REDIS_URL").asText()).isEqualTo("redis://127.0.0.1:6379/0");
            assertThat(config.json().get("DATABASE_URL").asText()).contains("app:").contains("@127.0.0.1:5432/test");
            assertThat(config.json().get("PORT").asInt()).isZero();
            assertThat(config.json().at("/RATE_LIMIT_TENANT_OVERRIDES/acme/requests_per_minute").asInt()).isEqualTo(600);
            assertThat(running.http.get("/api/config").status()).isEqualTo(401);
            admin.post("/api/v1/tenants", Map.of("tenant_id", "acme"));
            String key = admin.post("/api/v1/tenants/acme/keys", Map.of()).json().get("key").asText();
            assertThat(running.http.get("/api/config", "X-API-Key", key).status()).isEqualTo(403);
        }
    }
}
