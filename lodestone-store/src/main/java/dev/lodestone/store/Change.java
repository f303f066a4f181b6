package dev.lodestone.store;

/**
 * One committed write, as the change feed reports it.
 *
 * @param kind              what changed
 * @param entityType        for entity changes; null otherwise
 * @param key               entity id, first interaction id (as text), interaction type name, tenant id, or API key
 *                          id, by kind
 * @param lastInteractionId for {@link Kind#INTERACTIONS_APPENDED}: the last interaction id of the range that starts
 *                          at {@code key}; for {@link Kind#INTERACTION_APPENDED} the id in {@code key}; 0 otherwise
 */
public record Change(long sequence, String tenantId, Kind kind, String entityType, String key,
                     long lastInteractionId) {
    public enum Kind {
        ENTITY_UPSERTED, ENTITY_DELETED,
        /**
         * One interaction was appended; key = its id. Written only by versions before
         * {@link #INTERACTIONS_APPENDED} existed: databases they wrote may still hold such changes.
         */
        INTERACTION_APPENDED,
        INTERACTION_TYPE_CHANGED, TENANT_DELETED,
        /** A tenant row was created; key = tenant id. */
        TENANT_CREATED,
        /** An API key was created or deleted (other nodes must drop cached keys); key = key id. */
        API_KEY_CHANGED,
        /**
         * One append call stored interactions of the tenant with ids from key (as text) to
         * {@code lastInteractionId}, both inclusive, and no interaction of another tenant or call lies in between
         * (ids in the range that are not found were not stored). Read them with
         * {@link Store#interactionsInRange(long, long)}. A call whose drafts name several tenants gives one change
         * per run of consecutive drafts of one tenant.
         */
        INTERACTIONS_APPENDED
    }

    /** A change that names no interaction range. */
    public Change(long sequence, String tenantId, Kind kind, String entityType, String key) {
        this(sequence, tenantId, kind, entityType, key, kind == Kind.INTERACTION_APPENDED ? Long.parseLong(key) : 0);
    }

    /** For the interaction kinds: the first interaction id the change names. */
    public long firstInteractionId() {
        if (kind != Kind.INTERACTIONS_APPENDED && kind != Kind.INTERACTION_APPENDED) {
            throw new IllegalStateException(kind + " names no interactions");
        }
        return Long.parseLong(key);
    }
}
