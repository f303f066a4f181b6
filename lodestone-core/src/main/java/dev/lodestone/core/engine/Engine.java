package dev.lodestone.core.engine;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** All tenants' in-memory serving models of this node. */
public final class Engine {
    private final EngineSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, TenantModel> tenants = new ConcurrentHashMap<>();
    private final Executor learning;
    private final Learner.Sink sink;

    /** An engine that trains learned models only when asked ({@link Learner#train()}). */
    public Engine(EngineSettings settings, Clock clock) {
        this(settings, clock, null, null);
    }

    /**
     * @param learning where learned models train in the background (one thread keeps it to one core); null: only
     *                 when asked
     * @param sink     told of every newly trained model (to persist it); null: nobody
     */
    public Engine(EngineSettings settings, Clock clock, Executor learning, Learner.Sink sink) {
        this.settings = settings;
        this.clock = clock;
        this.learning = learning;
        this.sink = sink;
    }

    /** The tenant's model, created empty on first use. */
    public TenantModel tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantModel(id, settings, clock, learning, sink));
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
