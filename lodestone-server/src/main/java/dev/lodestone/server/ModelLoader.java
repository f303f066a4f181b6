package dev.lodestone.server;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.Tenant;
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
    private static final int BATCH = 4_096;

    private ModelLoader() {
    }

    /**
     * @param warmUp runs the content-row warm-up after the load (the node's engine executor)
     * @return the highest interaction id applied
     */
    static long loadAll(Store store, Engine engine, Executor warmUp) {
        long start = System.nanoTime();
        long entities = 0;
        long interactions = 0;
        long[] maxId = new long[1];
        List<TenantModel> loaded = new ArrayList<>();
        for (Tenant tenant : store.tenants()) {
            var loader = engine.tenant(tenant.tenantId()).loader();
            long[] counts = new long[2];
            store.forEachEntity(tenant.tenantId(), null, null, e -> {
                loader.entity(e);
                counts[0]++;
            });
            var batch = new ArrayList<Interaction>(BATCH);
            store.forEachInteraction(tenant.tenantId(), null, null, i -> {
                batch.add(i);
                if (batch.size() == BATCH) {
                    loader.interactions(batch);
                    batch.clear();
                }
                if (i.id() > maxId[0]) maxId[0] = i.id();
                counts[1]++;
            });
            loader.interactions(batch);
            loader.finish();
            SavedModels.restore(store, engine.tenant(tenant.tenantId()));
            loaded.add(engine.tenant(tenant.tenantId()));
            entities += counts[0];
            interactions += counts[1];
            log.info("loaded tenant {}: {} entities, {} interactions", tenant.tenantId(), counts[0], counts[1]);
        }
        log.info("models ready: {} entities, {} interactions in {} ms", entities, interactions,
                (System.nanoTime() - start) / 1_000_000);
        // One task for every tenant, so that many tenants do not take every engine thread at once.
        try {
            warmUp.execute(() -> loaded.forEach(TenantModel::warmContentRows));
        } catch (RejectedExecutionException stopping) {
            // the node is stopping before it finished starting: nothing to warm
        }
        return maxId[0];
    }
}
