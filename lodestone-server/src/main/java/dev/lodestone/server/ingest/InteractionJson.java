package dev.lodestone.server.ingest;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.Timestamps;

import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of an interaction; {@code interaction_type} echoes the form it was sent in. */
public final class InteractionJson {
    private InteractionJson() {
    }

    public static Map<String, Object> of(Interaction i) {
        var m = new LinkedHashMap<String, Object>();
        // A JSON number, as the old server and SDKs send it (ids stay below 2^53 in practice).
        m.put("id", i.id());
        m.put("user_id", i.userId());
        m.put("entity_id", i.entityId());
        m.put("entity_type", i.entityType());
        m.put("interaction_type", switch (i.typeForm()) {
            case PLAIN -> i.interactionType();
            case RATING_OBJECT -> Map.of("rating", i.value() == null ? i.weight() : i.value());
            case CUSTOM_OBJECT -> Map.of("custom", i.interactionType());
        });
        m.put("weight", i.weight());
        if (i.value() != null) m.put("value", i.value());
        if (i.metadata() != null && !i.metadata().isEmpty()) m.put("metadata", i.metadata());
        m.put("tenant_id", i.tenantId());
        m.put("timestamp", Timestamps.format(i.timestamp()));
        return m;
    }
}
