package dev.lodestone.server.tenants;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.dashboard.ActivitySummary;
import dev.lodestone.server.dashboard.EvaluationRuns;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.server.ingest.InteractionWeights;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.live.ActivityHub;
import dev.lodestone.server.live.ActivitySocket;
import dev.lodestone.store.Store;

/**
 * Everything that goes when a tenant is deleted, in one place, so that a tenant created again under the same id
 * starts empty on every node:
 * <ul>
 *   <li>in the store, in one transaction ({@link Store#deleteTenant}): entities, interactions, idempotency keys,
 *       interaction types, API keys, A/B events (the experiments), the saved learned model and the tenant's change-feed
 *       entries; a {@code TENANT_DELETED} change tells the other nodes, whose feed calls {@link #forgetHere};</li>
 *   <li>on each node ({@link #forgetHere}): the serving model with its result cache and learned model (the metrics'
 *       tenant series are read from the models, so they go with it; a training still running is not saved), the
 *       saved neighbour rows under {@code DATA_DIR/rows}, the known-tenant mark, the interaction-type weights, the
 *       tenant's API keys held in memory, its live-activity sockets and watched products, and the dashboard's
 *       activity summary and evaluation run.</li>
 * </ul>
 * Rate-limit buckets hold nothing to remove: they are named by key id (a new key never reuses one) or client address,
 * and idle ones expire.
 */
public final class TenantRemoval {
    private final Store store;
    private final Engine engine;
    private final RowFiles rowFiles;
    private final KnownTenants knownTenants;
    private final InteractionWeights weights;
    private final Authenticator authenticator;
    private final ActivitySocket liveSockets;
    private final ActivityHub liveActivity;
    private final ActivitySummary activitySummary;
    private final EvaluationRuns evaluations;
    private final LocalWrites localWrites;

    /** @param localWrites marks this node's own deletions, which its feed then does not apply a second time */
    public TenantRemoval(Store store, LocalWrites localWrites, Engine engine, RowFiles rowFiles, KnownTenants knownTenants,
                         InteractionWeights weights, Authenticator authenticator, ActivitySocket liveSockets,
                         ActivityHub liveActivity, ActivitySummary activitySummary, EvaluationRuns evaluations) {
        this.store = store;
        this.localWrites = localWrites;
        this.engine = engine;
        this.rowFiles = rowFiles;
        this.knownTenants = knownTenants;
        this.weights = weights;
        this.authenticator = authenticator;
        this.liveSockets = liveSockets;
        this.liveActivity = liveActivity;
        this.activitySummary = activitySummary;
        this.evaluations = evaluations;
    }

    /**
     * Deletes the tenant (the admin's {@code DELETE /api/v1/tenants/{id}}): its rows, then what this node holds.
     *
     * @return false when there was no such tenant (nothing was changed)
     */
    public boolean delete(String tenantId) {
        try (var ticket = localWrites.begin()) {
            if (!store.deleteTenant(tenantId)) return false;
            localWrites.tenantDeleted(tenantId);
            forgetHere(tenantId);
            return true;
        }
    }

    /** Drops what this node holds of a tenant deleted here or, through the change feed, on another node. */
    public void forgetHere(String tenantId) {
        // the keys first: from here on no request is admitted to the tenant with its old keys
        authenticator.tenantDeleted(tenantId);
        liveSockets.closeTenant(tenantId);
        liveActivity.forgetTenant(tenantId);
        engine.dropTenant(tenantId);
        rowFiles.delete(tenantId);
        knownTenants.forget(tenantId);
        weights.invalidate(tenantId);
        activitySummary.forget(tenantId);
        evaluations.forget(tenantId);
    }
}
