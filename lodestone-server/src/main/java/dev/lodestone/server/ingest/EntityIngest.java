package dev.lodestone.server.ingest;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.store.Store;

import java.util.List;
import java.util.Optional;

/** The entity write path: commit to the store, then apply to the tenant's in-memory model. */
public final class EntityIngest {
    private final Store store;
    private final Engine engine;
    private final LocalWrites local;
    private final KnownTenants tenants;

    public EntityIngest(Store store, Engine engine, LocalWrites local, KnownTenants tenants) {
        this.store = store;
        this.engine = engine;
        this.local = local;
        this.tenants = tenants;
    }

    /** @return false when the entity exists already */
    public boolean create(Entity entity) {
        tenants.ensure(entity.tenantId());
        try (var ticket = local.begin()) {
            if (!store.insertEntity(entity)) return false;
            applied(entity);
            return true;
        }
    }

    public Optional<Entity> replace(Entity entity) {
        try (var ticket = local.begin()) {
            var stored = store.replaceEntity(entity);
            stored.ifPresent(this::applied);
            return stored;
        }
    }

    public Entity upsert(Entity entity) {
        tenants.ensure(entity.tenantId());
        try (var ticket = local.begin()) {
            Entity stored = store.upsertEntity(entity);
            applied(stored);
            return stored;
        }
    }

    public List<Entity> upsertAll(String tenantId, List<Entity> entities) {
        if (entities.isEmpty()) return List.of();
        tenants.ensure(tenantId);
        try (var ticket = local.begin()) {
            List<Entity> stored = store.upsertEntities(entities);
            for (Entity e : stored) applied(e);
            return stored;
        }
    }

    public boolean delete(String tenantId, EntityKey key) {
        try (var ticket = local.begin()) {
            if (!store.deleteEntity(tenantId, key.type(), key.id())) return false;
            local.entityApplied(tenantId, key.type(), key.id());
            engine.tenant(tenantId).removeEntity(key);
            return true;
        }
    }

    private void applied(Entity e) {
        local.entityApplied(e.tenantId(), e.entityType(), e.entityId());
        engine.tenant(e.tenantId()).upsertEntity(e);
    }
}
