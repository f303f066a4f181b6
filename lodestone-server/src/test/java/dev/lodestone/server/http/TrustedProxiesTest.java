package dev.lodestone.server.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    @Test
    void parsesAddressesAndBlocksAndKeepsTheSetting() {
        var proxies = TrustedProxies.parse(" 10.0.0.0/8, 127.0.0.1 ,fd00::/8,");
        assertThat(proxies.isEmpty()).isFalse();
        assertThat(proxies.toString()).isEqualTo("10.0.0.0/8,127.0.0.1,fd00::/8");
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null)).isSameAs(TrustedProxies.NONE);
    }

    @Test
    void refusesNamesAndBadPrefixesNamingTheEntry() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1")).hasMessageContaining("'300.1.1.1'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.1")).hasMessageContaining("'10.1'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    }
}
