package dev.lodestone.core.engine;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** All tenants' in-memory serving models of this node. */
public final class Engine {
    private final EngineSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, TenantModel> tenants = new ConcurrentHashMap<>();

    public Engine(EngineSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The tenant's model, created empty on first use. */
    public TenantModel tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantModel(id, settings, clock));
    }

    public Optional<TenantModel> existing(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    public void dropTenant(String tenantId) {
        tenants.remove(tenantId);
    }

    public Iterable<TenantModel> tenants() {
        return tenants.values();
    }

    public EngineSettings settings() {
        return settings;
    }
}
