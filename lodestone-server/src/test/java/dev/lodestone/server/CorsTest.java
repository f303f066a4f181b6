package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS as a browser exercises it: preflight without a key, then the keyed call, for allowed and other origins. */
class CorsTest {
    static final String ADMIN = "admin-key-for-cors-tests-0123";
    static final String SHOP = "https://shop.example";
    @TempDir
    static Path dir;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN,
                "CORS_ALLOWED_ORIGINS", SHOP + ", https://admin.example",
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "10000"));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void preflightIsAnsweredBeforeAuthForAnAllowedOrigin() {
        var r = running.http.send("OPTIONS", "/api/v1/entities/some-id", null, "Origin", SHOP,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization, content-type, x-tenant-id");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(r.header("Access-Control-Allow-Methods")).contains("GET", "PUT", "DELETE").doesNotContain("POST");
        assertThat(r.header("Access-Control-Allow-Headers"))
                .contains("Authorization", "X-API-Key", "Content-Type", "X-Tenant-ID", "X-Request-Id");
        assertThat(Integer.parseInt(r.header("Access-Control-Max-Age"))).isPositive();
        assertThat(r.header("Vary")).contains("Origin");
    }

    @Test
    void actualResponsesCarryTheOriginAndExposeHeadersEvenOnErrors() {
        var ok = running.http.get("/api/v1/interaction-types", "Origin", SHOP, "Authorization", "Bearer " + ADMIN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(ok.header("Vary")).contains("Origin");
        assertThat(ok.header("Access-Control-Expose-Headers"))
                .contains("x-request-id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After");
        // A script must be able to read why it was refused.
        var unauthorized = running.http.get("/api/v1/interaction-types", "Origin", SHOP);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        var preflight = running.http.send("OPTIONS", "/api/v1/entities", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
        var actual = running.http.get("/api/v1/interaction-types", "Origin", "https://evil.example", "Authorization", "Bearer " + ADMIN);
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isNull();
        assertThat(actual.header("Access-Control-Expose-Headers")).isNull();
    }

    @Test
    void requestsWithoutOriginAreUntouched() {
        var r = running.http.get("/health");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(running.http.send("OPTIONS", "/api/v1/entities", null).status()).isEqualTo(405);
    }

    @Test
    void wildcardAllowsAnyOrigin(@TempDir Path other) {
        try (var open = RunningServer.start(StoreKind.SQLITE, other, Map.of("CORS_ALLOWED_ORIGINS", "*"))) {
            var r = open.http.send("OPTIONS", "/api/v1/recommendations/trending", null, "Origin", "http://localhost:5173",
                    "Access-Control-Request-Method", "GET");
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertThat(open.http.get("/api/v1/recommendations/trending", "Origin", "https://any.example")
                    .header("Access-Control-Allow-Origin")).isEqualTo("https://any.example");
        }
    }
}
