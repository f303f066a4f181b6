package dev.lodestone.core.model;

/** Identity of an entity inside one tenant: its type and its id. */
public record EntityKey(String type, String id) implements Comparable<EntityKey> {
    public EntityKey {
        if (type == null || id == null) throw new IllegalArgumentException("entity type and id are required");
    }

    @Override
    public int compareTo(EntityKey o) {
        int c = id.compareTo(o.id);
        return c != 0 ? c : type.compareTo(o.type);
    }
}
