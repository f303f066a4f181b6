package dev.lodestone.server.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginsTest {
    @Test
    void acceptsHttpAndHttpsOriginsWithAnOptionalPort() {
        for (String o : List.of("https://shop.example", "http://localhost:8080", "https://shop.example:65535", "HTTPS://Shop.Example/")) {
            assertThat(Origins.problem(o)).as(o).isNull();
        }
        assertThat(Origins.allowed(List.of("https://shop.example"), "HTTPS://Shop.Example/")).isTrue();
    }

    @Test
    void refusesWhatNoBrowserSendsAsAnOrigin() {
        for (String o : List.of("https://shop.example:99999", "https://shop.example:0", "https://shop.example/path",
                "https://user@shop.example", "javascript://a", "null", "*", "shop.example", "https://a.b?x=1")) {
            assertThat(Origins.problem(o)).as(o).isNotNull();
        }
    }
}
