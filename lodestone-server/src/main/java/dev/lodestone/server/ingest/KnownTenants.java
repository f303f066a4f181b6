package dev.lodestone.server.ingest;

import dev.lodestone.core.model.InvalidInput;
import dev.lodestone.store.Store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants this node knows to have a row in the store, so that a write makes sure of its tenant once per node rather
 * than with a store round trip every time. A deleted tenant (here or through the change feed) is forgotten.
 */
public final class KnownTenants {
    private final Store store;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public KnownTenants(Store store) {
        this.store = store;
    }

    /**
     * Creates the tenant's row if this node has not seen it yet.
     *
     * @throws InvalidInput 422 when the write would create a tenant with a {@link ReservedTenantIds reserved} id (one
     *                      that exists from before the reservation keeps working)
     */
    public void ensure(String tenantId) {
        if (known.contains(tenantId)) return;
        String reserved = ReservedTenantIds.problem(tenantId);
        if (reserved != null && store.tenant(tenantId).isEmpty()) throw InvalidInput.field("tenant_id", reserved);
        store.ensureTenant(tenantId, null);
        known.add(tenantId);
    }

    public void forget(String tenantId) {
        known.remove(tenantId);
    }
}
