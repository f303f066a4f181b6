package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address limits count under the client's address: behind a trusted proxy (the test's own loopback address)
 * the one X-Forwarded-For names; from an untrusted peer the header is ignored, so a client cannot pick its address.
 */
class TrustedProxyAddressTest {
    static final String ADMIN = "admin-key-for-proxy-tests-0123456789";

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget(@TempDir Path dir) {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir,
                Map.of("API_KEY", ADMIN, "AUTH_FAILURES_PER_MINUTE", "2", "TRUSTED_PROXIES", "127.0.0.0/8"))) {
            for (int i = 0; i < 2; i++) {
                assertThat(invalidKeyFrom(running, "203.0.113.7")).isEqualTo(401);
            }
            assertThat(invalidKeyFrom(running, "203.0.113.7")).isEqualTo(429);
            assertThat(invalidKeyFrom(running, "203.0.113.8")).as("another shopper behind the same proxy").isEqualTo(401);
            // A client that prepends its own entry is still counted under the address the proxy appended.
            assertThat(invalidKeyFrom(running, "198.51.100.1, 203.0.113.7")).isEqualTo(429);
            assertThat(running.http.get("/api/config", "Authorization", "Bearer " + ADMIN).json()
                    .toString()).contains("127.0.0.0/8");
        }
    }

    @Test
    void fromAnUntrustedPeerTheForwardedHeaderIsIgnored(@TempDir Path dir) {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir,
                Map.of("API_KEY", ADMIN, "AUTH_FAILURES_PER_MINUTE", "2"))) {
            assertThat(invalidKeyFrom(running, "203.0.113.1")).isEqualTo(401);
            assertThat(invalidKeyFrom(running, "203.0.113.2")).isEqualTo(401);
            assertThat(invalidKeyFrom(running, "203.0.113.3")).as("same socket address, whatever the header says").isEqualTo(429);
        }
    }

    private static int invalidKeyFrom(RunningServer running, String forwardedFor) {
        return running.http.withHeader("X-Forwarded-For", forwardedFor)
                .get("/api/v1/interaction-types", "X-API-Key", "not-a-key-" + forwardedFor.hashCode()).status();
    }
}
