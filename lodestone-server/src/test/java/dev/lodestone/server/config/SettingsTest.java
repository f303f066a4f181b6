package dev.lodestone.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings table read, checked and shown: defaults, one example value per setting going through to what
 * {@code GET /api/config} shows, secrets never shown or echoed, and one-line errors naming the setting.
 */
class SettingsTest {
    /** A value for a setting (not its default) and what the masked configuration then shows; secrets hold "s3cret". */
    record Example(String name, String value, String shown) {
    }

    // The configuration file's example is a file written by the test; see everySettingIsReadAndShown.
    static final List<Example> EXAMPLES = List.of(
            new Example("HOST", "0.0.0.0", "0.0.0.0"),
            new Example("PORT", "9090", "9090"),
            new Example("DATA_DIR", "/var/lib/lodestone", "/var/lib/lodestone"),
            new Example("DATABASE_URL", "postgresql://app:s3cret-db@db:5432/shop", "postgresql://app:********@db:5432/shop"),
            new Example("DATABASE_MAX_CONNECTIONS", "20", "20"),
            new Example("DATABASE_MIN_CONNECTIONS", "3", "3"),
            new Example("DATABASE_ACQUIRE_TIMEOUT_SECS", "7", "7"),
            new Example("DATABASE_STATEMENT_TIMEOUT_SECS", "45", "45"),
            new Example("REDIS_URL", "redis://:s3cret-redis@cache:6379/2", "redis://:********@cache:6379/2"),
            new Example("API_KEY", "admin-key-0123456789-s3cret", "********"),
            new Example("RATE_LIMIT_REQUESTS_PER_MINUTE", "120", "120"),
            new Example("RATE_LIMIT_BURST_SIZE", "30", "30"),
            new Example("RATE_LIMIT_TENANT_OVERRIDES", "acme:600:100, free:0:0",
                    "{acme={requests_per_minute=600, burst_size=100}, free={requests_per_minute=0, burst_size=0}}"),
            new Example("RATE_LIMIT_KEY_PREFIX", "shop-a:rl:", "shop-a:rl:"),
            new Example("PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", "1000", "1000"),
            new Example("PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", "50", "50"),
            new Example("SHUTDOWN_GRACE_SECS", "2", "2"),
            new Example("SHUTDOWN_TIMEOUT_SECS", "9", "9"),
            new Example("HTTP_HEADER_TIMEOUT_SECS", "4", "4"),
            new Example("HTTP_IDLE_TIMEOUT_SECS", "120", "120"),
            new Example("HTTP_READ_TIMEOUT_SECS", "6", "6"),
            new Example("HTTP_BODY_TIMEOUT_SECS", "90", "90"),
            new Example("HTTP_MAX_CONNECTIONS", "500", "500"),
            new Example("AUTH_FAILURES_PER_MINUTE", "0", "0"),
            new Example("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example", "[https://a.example, https://b.example]"),
            new Example("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1", "10.0.0.0/8,127.0.0.1"),
            new Example("COLLABORATIVE_WEIGHT", "0.6", "0.6"),
            new Example("CONTENT_BASED_WEIGHT", "0.25", "0.25"),
            new Example("DEFAULT_RECOMMENDATION_COUNT", "20", "20"),
            new Example("MAX_RECOMMENDATION_COUNT", "200", "200"),
            new Example("RECOMMENDATION_CACHE_TTL_SECS", "0", "0"),
            new Example("TRENDING_WINDOW_DAYS", "3.5", "3.5"),
            new Example("LOG_LEVEL", "DEBUG", "debug"),
            new Example("LOG_FORMAT", "json", "json"),
            new Example("IDEMPOTENCY_KEY_TTL_HOURS", "48", "48"),
            new Example("METRICS_PUBLIC", "TRUE", "true"),
            new Example("LIVE_MAX_CONNECTIONS_PER_KEY", "100", "100"),
            new Example("LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", "5", "5"),
            new Example("LIVE_MAX_WATCHED_PRODUCTS", "1000", "1000"),
            new Example("LIVE_SEND_TIMEOUT_SECS", "3", "3"),
            new Example("LODESTONE_CONFIG_FILE", "(a file the test writes)", "(its path)"));

    @TempDir
    Path dir;

    static Map<String, String> shown(Map<String, String> env) {
        var shown = new LinkedHashMap<String, String>();
        MaskedConfig.of(ConfigLoader.load(env)).forEach((name, value) -> shown.put(name, String.valueOf(value)));
        return shown;
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        var expected = new LinkedHashMap<String, String>();
        String[] pairs = {
                "HOST", "127.0.0.1", "PORT", "8080", "DATA_DIR", "./data", "DATABASE_URL", "null",
                "DATABASE_MAX_CONNECTIONS", "10", "DATABASE_MIN_CONNECTIONS", "1", "DATABASE_ACQUIRE_TIMEOUT_SECS", "5",
                "DATABASE_STATEMENT_TIMEOUT_SECS", "30", "REDIS_URL", "null", "API_KEY", "null",
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "0", "RATE_LIMIT_BURST_SIZE", "0", "RATE_LIMIT_TENANT_OVERRIDES", "{}",
                "RATE_LIMIT_KEY_PREFIX", "lodestone:ratelimit:", "PUBLISHABLE_KEY_RATE_LIMIT_PER_MINUTE", "6000",
                "PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", "300", "SHUTDOWN_GRACE_SECS", "5",
                "SHUTDOWN_TIMEOUT_SECS", "30", "HTTP_HEADER_TIMEOUT_SECS", "10", "HTTP_IDLE_TIMEOUT_SECS", "60",
                "HTTP_READ_TIMEOUT_SECS", "10", "HTTP_BODY_TIMEOUT_SECS", "60", "HTTP_MAX_CONNECTIONS", "10000",
                "AUTH_FAILURES_PER_MINUTE", "60", "CORS_ALLOWED_ORIGINS", "[]", "TRUSTED_PROXIES", "",
                "COLLABORATIVE_WEIGHT", "0.7", "CONTENT_BASED_WEIGHT", "0.3", "DEFAULT_RECOMMENDATION_COUNT", "10",
                "MAX_RECOMMENDATION_COUNT", "100", "RECOMMENDATION_CACHE_TTL_SECS", "300", "TRENDING_WINDOW_DAYS", "7.0",
                "LOG_LEVEL", "info", "LOG_FORMAT", "text", "IDEMPOTENCY_KEY_TTL_HOURS", "24", "METRICS_PUBLIC", "false",
                "LIVE_MAX_CONNECTIONS_PER_KEY", "10000", "LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", "50",
                "LIVE_MAX_WATCHED_PRODUCTS", "100000", "LIVE_SEND_TIMEOUT_SECS", "10", "LODESTONE_CONFIG_FILE", "null",
                "store", "sqlite"};
        for (int i = 0; i < pairs.length; i += 2) expected.put(pairs[i], pairs[i + 1]);
        assertThat(shown(Map.of())).containsExactlyEntriesOf(expected);
        // Blank is unset.
        assertThat(shown(Map.of("PORT", "  ", "LOG_LEVEL", ""))).containsEntry("PORT", "8080").containsEntry("LOG_LEVEL", "info");
    }

    @Test
    void everySettingIsReadAndShown() throws IOException {
        assertThat(EXAMPLES).extracting(Example::name).as("one example for each setting of the table, in its order")
                .containsExactlyElementsOf(Settings.ALL.stream().map(Setting::name).toList());
        Map<String, String> defaults = shown(Map.of());
        for (Example example : EXAMPLES) {
            Map<String, String> env = new HashMap<>(Map.of(example.name(), example.value()));
            String expected = example.shown();
            if (example.name().equals(Settings.CONFIG_FILE.name())) {
                Path file = Files.writeString(dir.resolve("lodestone.properties"), "PORT = 9191\n");
                env.put(example.name(), file.toString());
                expected = file.toString();
                assertThat(shown(env)).containsEntry("PORT", "9191");
            }
            Map<String, String> shown = shown(env);
            assertThat(shown.get(example.name())).as(example.name()).isEqualTo(expected)
                    .as(example.name() + ": the example differs from the default, so it proves the value was read")
                    .isNotEqualTo(defaults.get(example.name()));
        }
    }

    @Test
    void theEnvironmentWinsOverTheFileAndAMisspeltNameInTheFileStopsStartUp() throws IOException {
        Path file = Files.writeString(dir.resolve("a.properties"), "PORT=9191\nLOG_LEVEL=warn\n");
        assertThat(shown(Map.of("LODESTONE_CONFIG_FILE", file.toString(), "PORT", "9292")))
                .containsEntry("PORT", "9292").containsEntry("LOG_LEVEL", "warn");
        Path typo = Files.writeString(dir.resolve("typo.properties"), "PROT=9191\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("LODESTONE_CONFIG_FILE", typo.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LODESTONE_CONFIG_FILE: PROT in " + typo + " is not a setting (docs/operations.md#configuration lists them)");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("LODESTONE_CONFIG_FILE", dir.resolve("missing").toString())))
                .hasMessageStartingWith("LODESTONE_CONFIG_FILE: cannot read " + dir.resolve("missing"));
    }

    @Test
    void theMaskedConfigurationNeverHoldsASecret() {
        var secrets = EXAMPLES.stream().filter(e -> Settings.named(e.name()).orElseThrow().secrecy() != Secrecy.PUBLIC).toList();
        assertThat(secrets).extracting(Example::name).containsExactlyInAnyOrder("DATABASE_URL", "REDIS_URL", "API_KEY");
        assertThat(secrets).allSatisfy(e -> assertThat(e.value()).as("a secret example holds the marker").contains("s3cret"));
        var env = new HashMap<String, String>();
        secrets.forEach(e -> env.put(e.name(), e.value()));
        assertThat(MaskedConfig.of(ConfigLoader.load(env)).toString()).doesNotContain("s3cret").contains("API_KEY=********");
        // A jdbc URL's password parameter, and a password holding an '@'.
        assertThat(Secrecy.URL_PASSWORD.mask("jdbc:postgresql://db:5432/shop?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=********&ssl=true");
        assertThat(Secrecy.URL_PASSWORD.mask("postgresql://app:s3c@ret@db:5432/shop")).isEqualTo("postgresql://app:********@db:5432/shop");
    }

    @Test
    void aRefusedSecretIsNeverRepeatedInTheError() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("API_KEY", "short-s3cret")))
                .hasMessage("API_KEY must be at least 16 characters");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_URL", "mysql://app:s3cret@db:3306/shop")))
                .hasMessage("DATABASE_URL must be a postgresql://user:password@host:port/db or jdbc:postgresql: URL"
                        + " (got 'mysql://app:********@db:3306/shop')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("REDIS_URL", "http://:s3cret@cache:6379")))
                .hasMessageNotContaining("s3cret").hasMessageStartingWith("REDIS_URL must be a redis://");
    }

    @Test
    void aBadValueIsOneLineNamingTheSettingWhatItAcceptsAndWhatCame() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "80\n80")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PORT must be an integer between 0 and 65535 (got '80?80')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("TRENDING_WINDOW_DAYS", "0")))
                .hasMessage("TRENDING_WINDOW_DAYS must be a number between 0.001 and 3650 (got '0')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("LOG_LEVEL", "loud")))
                .hasMessage("LOG_LEVEL must be one of trace, debug, info, warn, error (got 'loud')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("IDEMPOTENCY_KEY_TTL_HOURS", "0")))
                .hasMessage("IDEMPOTENCY_KEY_TTL_HOURS must be whole hours between 1 and 8784 (got '0')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("RATE_LIMIT_TENANT_OVERRIDES", "acme:1:1,acme:2:2")))
                .hasMessageStartingWith("RATE_LIMIT_TENANT_OVERRIDES must be a comma list of tenant:requests_per_minute:burst_size naming each tenant once");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("TRUSTED_PROXIES", "10.0.0.300")))
                .hasMessage("TRUSTED_PROXIES must be a comma list of IP addresses and CIDR blocks (got '10.0.0.300')");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("METRICS_PUBLIC", "yes")))
                .hasMessage("METRICS_PUBLIC must be one of true, false (got 'yes')");
        String longValue = "9".repeat(500);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", longValue)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).endsWith("…')"));
    }

    @Test
    void theTableIsWellFormed() {
        assertThat(Settings.ALL).extracting(Setting::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[A-Z][A-Z0-9_]*"));
        assertThat(Settings.ALL).allSatisfy(s -> {
            assertThat(s.type().accepted()).as(s.name()).isNotBlank();
            assertThat(s.meaning()).as(s.name()).isNotBlank();
            assertThat(s.defaultText()).as(s.name()).isNotBlank();
        });
        assertThat(Settings.named("PORT")).contains(Settings.PORT);
        assertThat(Settings.named("PROT")).isEmpty();
    }
}
