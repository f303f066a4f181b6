package dev.lodestone.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Back-off doubles up to its cap with jitter in the upper half; ids and queries are percent-encoded. */
class RetryPolicyTest {
    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        var policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.backoff(1, 1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(3, 1)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(10, 1)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(10, 0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void pathSegmentsAndQueriesAreEncoded() {
        var t = new Transport(null, URI.create("http://h:1/"), null, null, Duration.ofSeconds(1), RetryPolicy.NONE, d -> { }, null);
        assertThat(Transport.segment("a/b c+é")).isEqualTo("a%2Fb%20c%2B%C3%A9");
        var q = new java.util.LinkedHashMap<String, Object>();
        q.put("filter", "price < 10 and tags contains \"red\"");
        q.put("skipped", null);
        assertThat(t.uri("/api/v1/x", q).toString())
                .isEqualTo("http://h:1/api/v1/x?filter=price%20%3C%2010%20and%20tags%20contains%20%22red%22");
        assertThat(t.uri("/health", Map.of()).toString()).isEqualTo("http://h:1/health");
    }
}
