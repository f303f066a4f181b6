package dev.lodestone.core.engine;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * All tenants' in-memory serving models of this node.
 *
 * <p>The engine starts no thread of its own: background work (full rebuilds after many changes, the neighbour-row
 * workers of a rebuild, content-row warm-up) runs on the {@code background} executor its owner passes in, and stops
 * when the owner shuts that executor down (a rejected or interrupted task is simply dropped; the model stays
 * correct, only less warm).
 */
public final class Engine {
    private final EngineSettings settings;
    private final Clock clock;
    private final Executor background;
    private final ConcurrentHashMap<String, TenantModel> tenants = new ConcurrentHashMap<>();
    private final Executor learning;
    private final Learner.Sink sink;
    private final ScheduledExecutorService timer;

    /**
     * @param background where background work runs; {@code Runnable::run} runs it on the calling thread (tests,
     *                   offline tools)
     */
    public Engine(EngineSettings settings, Clock clock, Executor background) {
        this(settings, clock, background, null);
    }

    /**
     * @param background where background work runs; {@code Runnable::run} runs it on the calling thread (tests,
     *                   offline tools). Learned models train there one at a time (at most one core for training).
     * @param sink       told of every newly trained learned model (to persist it); null: nobody
     */
    public Engine(EngineSettings settings, Clock clock, Executor background, Learner.Sink sink) {
        this(settings, clock, background, null, sink);
    }

    /**
     * @param timer schedules the looks at a tenant whose writes have settled (its last changes rebuilt, its content
     *              rows warmed) and the pauses between trainings; null: neither (rebuilds by volume or on demand)
     */
    public Engine(EngineSettings settings, Clock clock, Executor background, ScheduledExecutorService timer,
                  Learner.Sink sink) {
        this.settings = settings;
        this.clock = clock;
        this.background = background;
        this.timer = timer;
        this.learning = background == null ? null : new SerialExecutor(background);
        this.sink = sink;
    }

    /** The tenant's model, created empty on first use. */
    public TenantModel tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantModel(id, settings, clock, background, learning, timer, sink));
    }

    /**
     * For reads: the tenant's model, or an empty one that is not kept. A read for a tenant this node does not hold
     * (unknown, or deleted here or on another node) creates nothing: no model, no memory, no metrics series.
     */
    public TenantModel serving(String tenantId) {
        TenantModel model = tenants.get(tenantId);
        return model != null ? model : empty();
    }

    private volatile TenantModel empty;

    private TenantModel empty() {
        TenantModel e = empty;
        if (e == null) {
            // no background work: nothing is ever written to it
            e = new TenantModel("", settings, clock, Runnable::run, null, null, null);
            empty = e;
        }
        return e;
    }

    public Optional<TenantModel> existing(String tenantId) {
        return Optional.ofNullable(tenants.get(tenantId));
    }

    /** Forgets a deleted tenant's model; work still running on it finishes unseen and saves nothing. */
    public void dropTenant(String tenantId) {
        TenantModel dropped = tenants.remove(tenantId);
        if (dropped != null) dropped.retire();
    }

    public Iterable<TenantModel> tenants() {
        return tenants.values();
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Where this engine's background work runs (for work on several tenants at once, e.g. start-up warm-up). */
    public Executor background() {
        return background;
    }
}
