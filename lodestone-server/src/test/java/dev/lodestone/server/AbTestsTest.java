package dev.lodestone.server;

import dev.lodestone.store.AbEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget's keyless A/B events, attributed by Origin, and the experiment report with its significance test. */
class AbTestsTest {
    static final String ADMIN = PublishableKeysTest.ADMIN;
    static final String SHOP = PublishableKeysTest.SHOP;

    @TempDir
    Path dir;

    static Map<String, Object> event(String variant, String user, String type, long at) {
        return Map.of("test_id", "hero-widget", "variant", variant, "user_id", user, "event_type", type,
                "timestamp", at, "metadata", Map.of("widget", "similar"));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void eventsAreAttributedByOriginAndReported(StoreKind kind) {
        try (var running = RunningServer.start(kind, dir, Map.of("API_KEY", ADMIN))) {
            var admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
            var keys = PublishableKeysTest.keys(admin);
            long now = System.currentTimeMillis();

            // no key, as the widget sends it; only from an origin a publishable key allows
            var accepted = running.http.post("/api/v1/ab-events", event("A", "anon_1", "impression", now), "Origin", SHOP);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
            assertThat(running.http.post("/api/v1/ab-events", event("A", "anon_1", "impression", now)).errorCode()).isEqualTo("ORIGIN_NOT_ALLOWED");
            var evil = running.http.post("/api/v1/ab-events", event("A", "anon_1", "impression", now), "Origin", "https://evil.example");
            assertThat(evil.errorCode()).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
            var preflight = running.http.send("OPTIONS", "/api/v1/ab-events", null, "Origin", SHOP,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);

            // validated
            assertThat(running.http.post("/api/v1/ab-events", Map.of("test_id", "t", "user_id", "u", "event_type", "click"), "Origin", SHOP)
                    .errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(running.http.post("/api/v1/ab-events", Map.of("test_id", "t", "variant", "A", "user_id", "u",
                    "event_type", "click", "timestamp", "yesterday"), "Origin", SHOP).errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(running.http.post("/api/v1/ab-events", "{\"test_id\":", "Origin", SHOP).errorCode()).isEqualTo("INVALID_JSON");

            // a resent event counts once
            assertThat(running.http.post("/api/v1/ab-events", event("A", "anon_1", "impression", now), "Origin", SHOP).status()).isEqualTo(202);
            var secret = running.http.withHeader("Authorization", "Bearer " + keys.secret());
            var report = secret.get("/api/v1/experiments/hero-widget");
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.json().at("/variants/0/impressions").asLong()).isEqualTo(1);

            // volume straight into the store: B converts twice as often as A on 400 users each
            var events = new ArrayList<AbEvent>();
            Instant at = Instant.ofEpochMilli(now);
            for (int u = 0; u < 400; u++) {
                for (String variant : List.of("A", "B")) {
                    String user = variant + "-u" + u;
                    events.add(new AbEvent("shop", "hero-widget", variant, user, "impression", at, Map.of()));
                    if (u % 4 == 0) events.add(new AbEvent("shop", "hero-widget", variant, user, "click", at, Map.of()));
                    if (u < (variant.equals("A") ? 40 : 80)) events.add(new AbEvent("shop", "hero-widget", variant, user, "conversion", at, Map.of()));
                }
            }
            running.server.store().insertAbEvents(events);
            var r = secret.get("/api/v1/experiments/hero-widget").json();
            assertThat(r.get("control").asText()).isEqualTo("A");
            assertThat(r.get("test").asText()).contains("two-proportion z-test");
            assertThat(r.get("significant").asBoolean()).isTrue();
            assertThat(r.get("leader").asText()).isEqualTo("B");
            var a = r.at("/variants/0");
            var b = r.at("/variants/1");
            assertThat(a.get("users").asLong()).isEqualTo(401);
            assertThat(b.get("conversions").asLong()).isEqualTo(80);
            assertThat(b.get("conversion_rate").asDouble()).isEqualTo(0.2);
            assertThat(b.get("click_rate").asDouble()).isEqualTo(0.25);
            assertThat(b.get("p_value").asDouble()).isLessThan(0.001);
            assertThat(b.get("significant").asBoolean()).isTrue();
            assertThat(a.has("significant")).isFalse();
            // by clicks the variants are alike: not significant
            var clicks = secret.get("/api/v1/experiments/hero-widget?metric=click").json();
            assertThat(clicks.get("significant").asBoolean()).isFalse();
            assertThat(clicks.at("/variants/1/p_value").asDouble()).isGreaterThan(0.5);

            // a tenant key only; a publishable key cannot read results, another tenant does not see them
            assertThat(secret.get("/api/v1/experiments/hero-widget?metric=revenue").errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(secret.get("/api/v1/experiments/nothing").errorCode()).isEqualTo("EXPERIMENT_NOT_FOUND");
            assertThat(running.http.get("/api/v1/experiments/hero-widget", "Authorization", "Bearer " + keys.publishable()).status()).isEqualTo(403);
            assertThat(running.http.get("/api/v1/experiments/hero-widget").status()).isEqualTo(401);
            String otherKey = admin.post("/api/v1/tenants/other/keys", Map.of()).json().get("key").asText();
            assertThat(running.http.get("/api/v1/experiments/hero-widget", "Authorization", "Bearer " + otherKey).status()).isEqualTo(404);
        }
    }

    @Test
    void eventsAreLimitedPerClientAddress() {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN,
                "PUBLISHABLE_KEY_ADDRESS_RATE_LIMIT_PER_MINUTE", "2"))) {
            PublishableKeysTest.keys(running.http.withHeader("Authorization", "Bearer " + ADMIN));
            long now = System.currentTimeMillis();
            for (int i = 0; i < 2; i++) {
                assertThat(running.http.post("/api/v1/ab-events", event("A", "u" + i, "click", now), "Origin", SHOP).status()).isEqualTo(202);
            }
            var limited = running.http.post("/api/v1/ab-events", event("A", "u9", "click", now), "Origin", SHOP);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
        }
    }
}
