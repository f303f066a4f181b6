package dev.lodestone.server.auth;

import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActingTenantTest {
    static final Principal ACME_KEY = new Principal(Principal.Kind.TENANT, "acme", "key_1");
    static final Principal ACME_PUBLISHABLE = new Principal(Principal.Kind.PUBLISHABLE, "acme", "key_2", List.of("https://acme.example"));

    @Test
    void theAdminKeyAndKeylessCallersActOnTheTenantNamedElseTheDefault() {
        for (Principal caller : List.of(Principal.ADMIN, Principal.ANONYMOUS)) {
            assertThat(ActingTenant.resolve(caller, "globex")).isEqualTo("globex");
            assertThat(ActingTenant.resolve(caller, null)).isEqualTo(ActingTenant.DEFAULT_TENANT);
        }
    }

    @Test
    void aTenantKeyActsOnItsOwnTenantOnly() {
        for (Principal caller : List.of(ACME_KEY, ACME_PUBLISHABLE)) {
            assertThat(ActingTenant.resolve(caller, null)).isEqualTo("acme");
            assertThat(ActingTenant.resolve(caller, "acme")).isEqualTo("acme");
            assertThatThrownBy(() -> ActingTenant.resolve(caller, "globex"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("FORBIDDEN");
                        assertThat(e.getMessage()).isEqualTo("this API key belongs to another tenant");
                    });
            // "default" is a tenant like any other: a key of acme cannot reach it either
            assertThatThrownBy(() -> ActingTenant.resolve(caller, ActingTenant.DEFAULT_TENANT)).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void bulkItemsOfTheAdminGoWhereTheyNameAndATenantKeysItemsNeverLeaveItsTenant() {
        assertThat(ActingTenant.ofItem(Principal.ADMIN, "default", "globex", "entities[0].tenant_id")).isEqualTo("globex");
        assertThat(ActingTenant.ofItem(Principal.ADMIN, "acme", null, "entities[0].tenant_id")).isEqualTo("acme");
        assertThat(ActingTenant.ofItem(ACME_KEY, "acme", "acme", "entities[0].tenant_id")).isEqualTo("acme");
        assertThat(ActingTenant.ofItem(ACME_KEY, "acme", null, "entities[0].tenant_id")).isEqualTo("acme");
        assertThatThrownBy(() -> ActingTenant.ofItem(ACME_KEY, "acme", "globex", "entities[3].tenant_id"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("entities[3].tenant_id: names another tenant");
                });
    }

    @Test
    void aKeylessBrowserCallActsOnTheTenantWhoseKeyAllowsItsOrigin() {
        assertThat(ActingTenant.byOrigin(List.of("shop"), null)).contains("shop");
        assertThat(ActingTenant.byOrigin(List.of("shop"), "shop")).contains("shop");
        assertThat(ActingTenant.byOrigin(List.of("shop", "outlet"), "outlet")).contains("outlet");
        // undecided: the caller refuses
        assertThat(ActingTenant.byOrigin(List.of("shop", "outlet"), null)).isEmpty();
        assertThat(ActingTenant.byOrigin(List.of("shop"), "globex")).isEmpty();
        assertThat(ActingTenant.byOrigin(List.of(), null)).isEmpty();
    }
}
