package dev.lodestone.server.ingest;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.store.Store;

import java.util.List;
import java.util.Optional;

/** The entity write path: commit to the store, then apply to the tenant's in-memory model. */
public final class EntityIngest {
    private final Store store;
    private final Engine engine;

    public EntityIngest(Store store, Engine engine) {
        this.store = store;
        this.engine = engine;
    }

    /** @return false when the entity exists already */
    public boolean create(Entity entity) {
        store.ensureTenant(entity.tenantId(), null);
        if (!store.insertEntity(entity)) return false;
        engine.tenant(entity.tenantId()).upsertEntity(entity);
        return true;
    }

    public Optional<Entity> replace(Entity entity) {
        var stored = store.replaceEntity(entity);
        stored.ifPresent(e -> engine.tenant(e.tenantId()).upsertEntity(e));
        return stored;
    }

    public Entity upsert(Entity entity) {
        store.ensureTenant(entity.tenantId(), null);
        Entity stored = store.upsertEntity(entity);
        engine.tenant(stored.tenantId()).upsertEntity(stored);
        return stored;
    }

    public List<Entity> upsertAll(String tenantId, List<Entity> entities) {
        if (entities.isEmpty()) return List.of();
        store.ensureTenant(tenantId, null);
        List<Entity> stored = store.upsertEntities(entities);
        var model = engine.tenant(tenantId);
        for (Entity e : stored) model.upsertEntity(e);
        return stored;
    }

    public boolean delete(String tenantId, EntityKey key) {
        if (!store.deleteEntity(tenantId, key.type(), key.id())) return false;
        engine.tenant(tenantId).removeEntity(key);
        return true;
    }
}
