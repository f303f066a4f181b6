package dev.lodestone.server.http;

/**
 * Finds who is calling, before a route runs. The transport asks; the policy (keys, tenants, failure budgets) lives
 * above it and implements this, so that {@code http} never depends on {@code auth}.
 */
@FunctionalInterface
public interface Authentication {
    /**
     * @return the caller allowed to use a route of this access
     * @throws ApiException 401/403 (or 429/503) when the caller may not
     */
    Principal authenticate(Exchange exchange, Access access);
}
