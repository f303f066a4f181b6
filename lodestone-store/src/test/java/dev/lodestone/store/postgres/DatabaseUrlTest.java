package dev.lodestone.store.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void convertsTheOldServicesUrlForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://shop:s%40cr%3At+x@db.internal:6543/lodestone?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/lodestone?sslmode=require");
        assertThat(url.user()).isEqualTo("shop");
        assertThat(url.password()).isEqualTo("s@cr:t+x");
        assertThat(url.toString()).doesNotContain("s@cr:t+x").contains("***");
    }

    @Test
    void acceptsPostgresSchemeWithoutCredentialsOrPort() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://localhost/test");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/test");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
        assertThat(DatabaseUrl.parse("postgresql://u@[::1]:5432/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void passesJdbcUrlsThrough() {
        String jdbc = "jdbc:postgresql://h:5432/db?user=a&password=b";
        assertThat(DatabaseUrl.parse(jdbc).jdbcUrl()).isEqualTo(jdbc);
    }

    @Test
    void namesTheProblemWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:topsecret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:topsecret@h:99999/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:topsecret@/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:top%zzsecret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent-encoding in the password")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
