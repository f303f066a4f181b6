package dev.lodestone.server;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.server.tenants.RowFiles;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.server.dashboard.ActivitySummary;
import dev.lodestone.server.ingest.ReservedTenantIds;
import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Builds every tenant's in-memory model from the store at start-up. */
final class ModelLoader {
    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private ModelLoader() {
    }

    /**
     * @param warmUp runs the content-row warm-up after the load (the node's engine executor)
     * @param rowFiles saved neighbour rows: installed at the load, saved again after the warm-up
     * @param activity counts the interactions per day for the dashboard as they are read
     * @return the highest interaction id applied
     */
    static long loadAll(Store store, Engine engine, Executor warmUp, RowFiles rowFiles, ActivitySummary activity) {
        long start = System.nanoTime();
        long entities = 0;
        long interactions = 0;
        long[] maxId = new long[1];
        List<TenantModel> loaded = new ArrayList<>();
        for (Tenant tenant : store.tenants()) {
            String reserved = ReservedTenantIds.problem(tenant.tenantId());
            if (reserved != null) {
                // created before the ids were reserved: it keeps working, but its storefront trending list is hidden
                log.warn("tenant {} has a reserved id: {}; move its data to a tenant of another id", tenant.tenantId(), reserved);
            }
            var loader = engine.tenant(tenant.tenantId()).loader();
            long tenantStart = System.nanoTime();
            long[] counts = new long[2];
            var perDay = activity.startupLoad(tenant.tenantId(), engine.tenant(tenant.tenantId()));
            try (var feed = new TenantRowFeed(store, tenant.tenantId())) {
                rowFiles.restore(tenant.tenantId(), loader); // while the feed reads its first rows
                for (var batch = feed.next(); !(batch instanceof TenantRowFeed.End); batch = feed.next()) {
                    if (batch instanceof TenantRowFeed.Entities(var rows)) {
                        for (Entity e : rows) loader.entity(e);
                        counts[0] += rows.size();
                    } else if (batch instanceof TenantRowFeed.Interactions(var rows)) {
                        loader.interactions(rows);
                        for (Interaction i : rows) {
                            perDay.accept(i);
                            if (i.id() > maxId[0]) maxId[0] = i.id();
                        }
                        counts[1] += rows.size();
                    }
                }
            }
            long read = System.nanoTime();
            loader.finish();
            SavedModels.restore(store, engine.tenant(tenant.tenantId()));
            loaded.add(engine.tenant(tenant.tenantId()));
            entities += counts[0];
            interactions += counts[1];
            int[] restored = loader.restoredRows();
            log.info("loaded tenant {}: {} entities, {} interactions (read {} ms, model build {} ms; saved rows "
                            + "installed: {} content, {} item-kNN)", tenant.tenantId(), counts[0], counts[1],
                    (read - tenantStart) / 1_000_000, (System.nanoTime() - read) / 1_000_000, restored[0], restored[1]);
        }
        log.info("models ready: {} entities, {} interactions in {} ms", entities, interactions,
                (System.nanoTime() - start) / 1_000_000);
        // One task for every tenant, so that many tenants do not take every engine thread at once.
        try {
            warmUp.execute(() -> loaded.forEach(model -> {
                if (model.warmContentRows()) rowFiles.save(model);
            }));
        } catch (RejectedExecutionException stopping) {
            // the node is stopping before it finished starting: nothing to warm
        }
        return maxId[0];
    }
}
