package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.time.Instant;
import java.util.Arrays;

/**
 * Dictionary of a tenant's entity keys to dense int indexes, with the current {@link Entity} of each (null for a
 * key only known from interactions, or deleted). Indexes are never reused, so interaction rows stay valid.
 * Not thread-safe: guarded by the tenant model's lock.
 */
final class EntityCatalog {
    private final Object2IntOpenHashMap<EntityKey> index = new Object2IntOpenHashMap<>();
    private EntityKey[] keys = new EntityKey[1024];
    private Entity[] entities = new Entity[1024];
    private int size;
    private int live;
    /** Entity id to the type (a String) or sorted types (a String[]) under which it is live: for calls without a type. */
    private final java.util.HashMap<String, Object> typesById = new java.util.HashMap<>();
    /** Earliest future available_from / expires_at: servability changes then without any write. */
    private long nextBoundaryMillis = Long.MAX_VALUE;

    EntityCatalog() {
        index.defaultReturnValue(-1);
    }

    int indexOf(EntityKey key) {
        return index.getInt(key);
    }

    int intern(EntityKey key) {
        int i = index.getInt(key);
        if (i >= 0) return i;
        i = size++;
        if (i == keys.length) {
            keys = Arrays.copyOf(keys, i * 2);
            entities = Arrays.copyOf(entities, i * 2);
        }
        keys[i] = key;
        index.put(key, i);
        return i;
    }

    /** Stores the entity; returns the previous version or null. */
    Entity put(int i, Entity entity, Instant now) {
        Entity previous = entities[i];
        entities[i] = entity;
        if (previous == null) {
            live++;
            addType(keys[i]);
        }
        noteBoundary(entity, now);
        return previous;
    }

    /** Forgets the entity (its index stays); returns what was stored or null. */
    Entity remove(int i) {
        Entity previous = entities[i];
        entities[i] = null;
        if (previous != null) {
            live--;
            removeType(keys[i]);
        }
        return previous;
    }

    /** The types under which a live entity has this id, sorted. */
    java.util.List<String> typesOf(String id) {
        Object t = typesById.get(id);
        if (t == null) return java.util.List.of();
        if (t instanceof String one) return java.util.List.of(one);
        return java.util.List.of((String[]) t);
    }

    private void addType(EntityKey key) {
        typesById.merge(key.id(), key.type(), (old, type) -> {
            String[] types = old instanceof String one ? new String[] {one} : (String[]) old;
            String[] grown = Arrays.copyOf(types, types.length + 1);
            grown[types.length] = (String) type;
            Arrays.sort(grown);
            return grown;
        });
    }

    private void removeType(EntityKey key) {
        typesById.computeIfPresent(key.id(), (id, old) -> {
            if (old instanceof String) return null;
            String[] left = Arrays.stream((String[]) old).filter(t -> !t.equals(key.type())).toArray(String[]::new);
            return left.length == 1 ? left[0] : left;
        });
    }

    Entity entity(int i) {
        return entities[i];
    }

    EntityKey key(int i) {
        return keys[i];
    }

    int size() {
        return size;
    }

    int liveCount() {
        return live;
    }

    /** Ranking tie-break: entity id, then type. */
    int compareKeys(int a, int b) {
        return keys[a].compareTo(keys[b]);
    }

    long nextBoundaryMillis() {
        return nextBoundaryMillis;
    }

    /** Recomputes the next servability boundary after {@code now} (called when it has passed). */
    void recomputeBoundary(Instant now) {
        nextBoundaryMillis = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) if (entities[i] != null) noteBoundary(entities[i], now);
    }

    private void noteBoundary(Entity e, Instant now) {
        if (e.availableFrom() != null && e.availableFrom().isAfter(now)) {
            nextBoundaryMillis = Math.min(nextBoundaryMillis, e.availableFrom().toEpochMilli());
        }
        if (e.expiresAt() != null && e.expiresAt().isAfter(now)) {
            nextBoundaryMillis = Math.min(nextBoundaryMillis, e.expiresAt().toEpochMilli());
        }
    }
}
