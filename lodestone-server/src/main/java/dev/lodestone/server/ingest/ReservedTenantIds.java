package dev.lodestone.server.ingest;

import java.util.Set;
import java.util.TreeSet;

/**
 * Tenant ids no tenant may take, because the storefront's reads put the tenant where the main API has words of its
 * own: {@code /api/v1/recommendations/{tenant}/trending} of a tenant named {@code user} is
 * {@code /api/v1/recommendations/user/trending}, the main API's list for a user named "trending" (and likewise
 * {@code entity}). The main API keeps those paths; the words are reserved so that no tenant's storefront hides behind
 * them. The whole first-segment vocabulary of {@code /api/v1/recommendations} is reserved, not only the two that
 * clash today, so that a list added there later cannot make an existing tenant unreachable.
 */
public final class ReservedTenantIds {
    /** The literal segments right after {@code /api/v1/recommendations/} in the main API's routes. */
    public static final Set<String> ALL = Set.of("user", "entity", "trending", "popular", "latest");

    private ReservedTenantIds() {
    }

    /** Why {@code tenantId} cannot name a new tenant, or null when it can. */
    public static String problem(String tenantId) {
        if (!ALL.contains(tenantId)) return null;
        return "'" + tenantId + "' is reserved: /api/v1/recommendations/" + tenantId + "/… belongs to the main API. "
                + "Reserved tenant ids: " + String.join(", ", new TreeSet<>(ALL));
    }
}
