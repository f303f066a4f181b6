package dev.lodestone.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Principal;

import java.util.List;
import java.util.Optional;

/**
 * Which tenant a request acts on once its caller is known: the one rule of every route, the bulk items and the
 * live-activity socket (docs/api.md, "Tenants"). The request may name a tenant ({@code X-Tenant-ID}, then
 * {@code tenant_id} in the body, then in the query; or the path on the storefront and plugin routes — reading those is
 * the API layer's {@link Exchange#namedTenant}); what it may act on depends on the key:
 * <ul>
 *   <li>a tenant key, secret or publishable, acts on its own tenant only: naming it is allowed, naming another is
 *       403 {@code FORBIDDEN} (a bulk item naming another is 422 naming the item);</li>
 *   <li>the admin key, and every caller when the server runs without keys (loopback only), acts on the tenant named,
 *       else on {@value #DEFAULT_TENANT}; each bulk item may name its own.</li>
 * </ul>
 * Keyless browser calls (the old widget's A/B events and live socket) act on the tenant whose publishable key allows
 * their {@code Origin} ({@link #byOrigin}).
 */
public final class ActingTenant {
    /** The tenant of requests that name none; it always exists (the node creates it at start). */
    public static final String DEFAULT_TENANT = "default";
    static final String OTHER_TENANT = "this API key belongs to another tenant";

    private ActingTenant() {
    }

    /** The tenant the request acts on, named (or not) by its header, body or query; recorded for the access log. */
    public static String of(Exchange ex, JsonNode body) {
        return recorded(ex, resolve(ex.principal(), ex.namedTenant(body)));
    }

    /** The tenant named by the path parameter (storefront and plugin routes), which the caller must be allowed. */
    public static String ofPath(Exchange ex, String param) {
        return recorded(ex, resolve(ex.principal(), ex.pathTenantId(param)));
    }

    /**
     * The rule itself.
     *
     * @param named the tenant the request names, already checked as an id; null when it names none
     * @throws ApiException 403 when a tenant key names another tenant
     */
    public static String resolve(Principal caller, String named) {
        if (caller.tenantId() != null) {
            if (named != null && !named.equals(caller.tenantId())) throw new ApiException(403, "FORBIDDEN", OTHER_TENANT);
            return caller.tenantId();
        }
        return named != null ? named : DEFAULT_TENANT;
    }

    /**
     * The tenant one item of a bulk request is filed under: its own {@code tenant_id} for the admin key, else the
     * request's. A tenant key's item may only name the key's tenant: any other refuses the request (never filed
     * silently under another tenant).
     *
     * @param requestTenant what {@link #of} resolved for the request
     * @param itemTenant    the item's {@code tenant_id} as sent, or null when it names none
     * @param field         the item's field for the error, e.g. {@code entities[3].tenant_id}
     * @throws ApiException 422 naming the field when a tenant key's item names another tenant
     */
    public static String ofItem(Principal caller, String requestTenant, String itemTenant, String field) {
        if (itemTenant == null) return requestTenant;
        if (caller.tenantId() != null && !itemTenant.equals(caller.tenantId())) {
            throw ApiException.invalidField(field, "names another tenant than the API key's; a tenant key writes only to its own tenant");
        }
        return itemTenant;
    }

    /**
     * A keyless browser call: the tenant whose publishable key allows its origin — the named one when it is among
     * them, else the only one. Empty when that does not decide (no tenant allows the origin, several do and none is
     * named, or the one named does not allow it): the caller refuses.
     *
     * @param allowing the tenants with a publishable key that allows the origin
     * @param named    the tenant the call names, or null
     */
    public static Optional<String> byOrigin(List<String> allowing, String named) {
        if (named != null) return allowing.contains(named) ? Optional.of(named) : Optional.empty();
        return allowing.size() == 1 ? Optional.of(allowing.getFirst()) : Optional.empty();
    }

    private static String recorded(Exchange ex, String tenant) {
        ex.actingTenant(tenant);
        return tenant;
    }
}
