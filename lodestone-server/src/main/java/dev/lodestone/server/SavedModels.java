package dev.lodestone.server;

import dev.lodestone.core.engine.Learner;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Learned models in the store: each newly trained one is saved (on the training thread, off any request), and at
 * start-up a tenant's saved model is served at once, so a restart is ready without retraining. A tenant without one
 * trains in the background after the load (when it has enough interactions); until then its lists blend the other
 * sources.
 */
final class SavedModels implements Learner.Sink {
    static final String KIND = "ease";
    private static final Logger log = LoggerFactory.getLogger(SavedModels.class);

    private final Store store;

    SavedModels(Store store) {
        this.store = store;
    }

    @Override
    public void trained(String tenantId, byte[] blob) {
        try {
            store.saveModel(tenantId, KIND, Instant.now(), blob);
            log.info("learned model of tenant {} saved ({} bytes)", tenantId, blob.length);
        } catch (RuntimeException e) {
            // still served from memory; the next training saves again
            log.warn("could not save the learned model of tenant {}: {}", tenantId, e.toString());
        }
    }

    /**
     * Serves the tenant's saved model, or starts a background training when there is none (or it is unreadable) and
     * the tenant has enough interactions for one.
     */
    static void restore(Store store, TenantModel model) {
        try {
            var saved = store.loadModel(model.tenantId(), KIND);
            if (saved.isPresent()) {
                model.learner().install(saved.get());
                log.info("tenant {}: learned model restored ({} items)", model.tenantId(), model.learner().status().items());
                return;
            }
        } catch (RuntimeException e) {
            log.warn("tenant {}: saved learned model not usable, retraining: {}", model.tenantId(), e.toString());
        }
        model.learner().maybeTrainInBackground();
    }
}
