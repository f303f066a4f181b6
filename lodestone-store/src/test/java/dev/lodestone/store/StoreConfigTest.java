package dev.lodestone.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreConfigTest {

    @Test
    void fillsDefaultsAndChoosesTheEmbeddedStoreWithoutUrl() {
        StoreConfig config = new StoreConfig(null, " ", 10, 1, null, null, null);
        assertThat(config.embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(StoreConfig.postgresql("postgres://h/db").embedded()).isFalse();
    }

    @Test
    void neverPrintsThePassword() {
        StoreConfig config = StoreConfig.postgresql("postgresql://shop:hunter2@db:5432/x");
        assertThat(config.toString()).doesNotContain("hunter2").contains("postgresql://shop:********@db:5432/x");
        assertThat(StoreConfig.maskPassword("jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=********&ssl=true");
        assertThat(StoreConfig.maskPassword("postgresql://shop:hun@ter2@db:5432/x?application_name=a@b"))
                .as("a password holding an @; an @ in a parameter is not the user-info's")
                .isEqualTo("postgresql://shop:********@db:5432/x?application_name=a@b");
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new StoreConfig(null, null, 0, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> new StoreConfig(null, null, 2, 3, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minConnections");
        assertThatThrownBy(() -> StoreConfig.sqlite(Path.of("x")).withSchema("bad; drop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
    }

    @Test
    void openingWithAMalformedUrlFailsBeforeConnecting() {
        assertThatThrownBy(() -> Stores.open(StoreConfig.postgresql("postgresql://u:pw@host:notaport/db")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }
}
