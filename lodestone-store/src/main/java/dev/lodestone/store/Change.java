package dev.lodestone.store;

/**
 * One committed write, as the change feed reports it.
 *
 * @param kind       what changed
 * @param entityType for entity changes; null otherwise
 * @param key        entity id, interaction id (as text), interaction type name, tenant id, or API key id, by kind
 */
public record Change(long sequence, String tenantId, Kind kind, String entityType, String key) {
    public enum Kind {
        ENTITY_UPSERTED, ENTITY_DELETED, INTERACTION_APPENDED, INTERACTION_TYPE_CHANGED, TENANT_DELETED,
        /** A tenant row was created; key = tenant id. */
        TENANT_CREATED,
        /** An API key was created or deleted (other nodes must drop cached keys); key = key id. */
        API_KEY_CHANGED
    }
}
