package dev.lodestone.server.http;

/**
 * Who is calling, decided before a route's handler runs. The router (transport) calls it; the policy — keys, tenants,
 * limits on failed attempts — lives above, in the auth package's {@code Authenticator}.
 */
@FunctionalInterface
public interface Authentication {
    /**
     * The caller of this request, allowed the route's access level.
     *
     * @throws ApiException 401, 403 or 429 when the caller may not
     */
    Principal authenticate(Exchange exchange, Access access);
}
