package dev.lodestone.server.ingest;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Timestamps;

import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of an entity (docs/api.md: Entity). */
public final class EntityJson {
    private EntityJson() {
    }

    public static Map<String, Object> of(Entity e, boolean includeVector) {
        var m = new LinkedHashMap<String, Object>();
        m.put("entity_id", e.entityId());
        m.put("entity_type", e.entityType());
        m.put("attributes", e.attributes());
        m.put("tenant_id", e.tenantId());
        if (e.hidden()) m.put("hidden", true);
        if (e.availableFrom() != null) m.put("available_from", Timestamps.format(e.availableFrom()));
        if (e.expiresAt() != null) m.put("expires_at", Timestamps.format(e.expiresAt()));
        m.put("created_at", Timestamps.format(e.createdAt()));
        m.put("updated_at", Timestamps.format(e.updatedAt()));
        if (includeVector && e.vector() != null) m.put("vector", e.vector());
        return m;
    }
}
