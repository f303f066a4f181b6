package dev.lodestone.server.ingest;

import dev.lodestone.core.model.DefaultInteractionWeights;
import dev.lodestone.core.model.InteractionType;
import dev.lodestone.store.Store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weight resolution (docs/api.md): explicit {@code weight}; else {@code value} for {@code rating}; else the tenant's
 * registry; else the built-in default. The registry is cached per tenant and dropped on every registry write
 * (this node's at once, other nodes' through the change feed).
 */
public final class InteractionWeights {
    private final Store store;
    private final ConcurrentHashMap<String, Map<String, Double>> registries = new ConcurrentHashMap<>();

    public InteractionWeights(Store store) {
        this.store = store;
    }

    public double resolve(String tenantId, String type, Double explicitWeight, Double value) {
        if (explicitWeight != null) return explicitWeight;
        if (value != null && DefaultInteractionWeights.RATING.equals(type)) return value;
        Double registered = registry(tenantId).get(type);
        return registered != null ? registered : DefaultInteractionWeights.weightOf(type);
    }

    public void invalidate(String tenantId) {
        registries.remove(tenantId);
    }

    private Map<String, Double> registry(String tenantId) {
        return registries.computeIfAbsent(tenantId, t -> {
            var m = new HashMap<String, Double>();
            for (InteractionType type : store.interactionTypes(t)) m.put(type.name(), type.weight());
            return Map.copyOf(m);
        });
    }
}
