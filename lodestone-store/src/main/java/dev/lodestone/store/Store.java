package dev.lodestone.store;

import dev.lodestone.core.model.ApiKey;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionType;
import dev.lodestone.core.model.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The system of record. Every method that writes returns only after its data is committed (durable); concurrent
 * single writes are group-committed by the implementation. Every method is safe to call from many threads.
 * Failures surface as {@link StoreException} (never a driver exception), whose message is safe to log but not
 * meant for clients.
 */
public interface Store extends AutoCloseable {

    /** "sqlite" or "postgresql". */
    String kind();

    /** Cheap round trip that proves the store answers. */
    boolean ping();

    /**
     * Whether the store is believed to answer, from state kept by a background probe and by the outcome of recent
     * calls: never a round trip, never blocks. While false, calls fail at once with {@link StoreUnavailableException}.
     */
    default boolean available() {
        return true;
    }

    // ---- tenants ---------------------------------------------------------------------------------------------

    /** Creates the tenant if it is absent (and seeds nothing: built-in interaction types are virtual). */
    Tenant ensureTenant(String tenantId, String name);

    /** @return false when it already exists */
    boolean createTenant(Tenant tenant);

    Optional<Tenant> tenant(String tenantId);

    List<Tenant> tenants();

    /** Deletes the tenant and every row of its data (entities, interactions, types, keys, idempotency). */
    boolean deleteTenant(String tenantId);

    // ---- entities --------------------------------------------------------------------------------------------

    /** @return false when an entity with the same (tenant, type, id) exists; nothing is written then */
    boolean insertEntity(Entity entity);

    /**
     * Replaces attributes, vector and visibility fields of an existing entity; keeps its created_at.
     *
     * @return the stored entity, or empty when absent
     */
    Optional<Entity> replaceEntity(Entity entity);

    /** Inserts or replaces (keeping created_at of an existing row); returns what is stored. */
    Entity upsertEntity(Entity entity);

    /** Upserts every entity in one transaction; returns the stored rows in input order. */
    List<Entity> upsertEntities(List<Entity> entities);

    Optional<Entity> entity(String tenantId, String entityType, String entityId);

    /** All entities with this id in the tenant, one per type, ordered by type. */
    List<Entity> entitiesWithId(String tenantId, String entityId);

    boolean deleteEntity(String tenantId, String entityType, String entityId);

    /**
     * Streams the tenant's entities in (type, id) order without holding them all in memory.
     *
     * @param entityType null for all types
     * @param modifiedAfter null for no bound; else only entities with updated_at strictly after it
     */
    void forEachEntity(String tenantId, String entityType, Instant modifiedAfter, Consumer<Entity> sink);

    long countEntities(String tenantId);

    // ---- interactions ----------------------------------------------------------------------------------------

    /**
     * Appends interactions, durably, in one transaction for this call (calls from concurrent threads share
     * transactions). Drafts whose (tenant, idempotency key) was seen before store nothing; their slot in the
     * result holds the interaction first stored under that key.
     */
    List<AppendResult> appendInteractions(List<InteractionDraft> drafts);

    /** Newest first (timestamp desc, id desc). */
    List<Interaction> interactionsOfUser(String tenantId, String userId, int limit, int offset);

    /** Newest first; entityType null matches every type. */
    List<Interaction> interactionsOfEntity(String tenantId, String entityType, String entityId, int limit, int offset);

    /** Streams in id (commit) order; from/to (inclusive/exclusive) bound the timestamp when non-null. */
    void forEachInteraction(String tenantId, Instant from, Instant to, Consumer<Interaction> sink);

    long countInteractions(String tenantId);

    /**
     * The stored interactions with ids from {@code firstId} to {@code lastId} (both inclusive, any tenant), in id
     * order. Lets a change-feed tailer load what a {@link Change.Kind#INTERACTIONS_APPENDED} change names.
     */
    List<Interaction> interactionsInRange(long firstId, long lastId);

    /** Distinct users of the tenant with their interaction count and first/last timestamps, ordered by id. */
    void forEachUser(String tenantId, Consumer<UserSummary> sink);

    // ---- interaction-type registry ---------------------------------------------------------------------------

    /** Insert or update; a null description on update keeps the stored one. */
    InteractionType upsertInteractionType(String tenantId, String name, double weight, String description);

    Optional<InteractionType> interactionType(String tenantId, String name);

    /** Stored types only, ordered by name. */
    List<InteractionType> interactionTypes(String tenantId);

    boolean deleteInteractionType(String tenantId, String name);

    // ---- API keys --------------------------------------------------------------------------------------------

    void insertApiKey(ApiKey key);

    Optional<ApiKey> apiKeyByHash(String secretHash);

    List<ApiKey> apiKeys(String tenantId);

    /** Every tenant's keys (so that a node can authenticate from memory while the store is down). */
    List<ApiKey> allApiKeys();

    boolean deleteApiKey(String tenantId, String keyId);

    // ---- learned models --------------------------------------------------------------------------------------

    /** Saves a tenant's trained model of this kind (e.g. {@code ease}), replacing the previous one. */
    void saveModel(String tenantId, String kind, Instant trainedAt, byte[] data);

    /** The tenant's last saved model of this kind. */
    Optional<byte[]> loadModel(String tenantId, String kind);

    // ---- offline evaluations --------------------------------------------------------------------------------

    /** Keeps a tenant's finished evaluation, replacing the one kept before (one per tenant). */
    void saveEvaluation(EvaluationRecord evaluation);

    /** The tenant's last saved evaluation. */
    Optional<EvaluationRecord> lastEvaluation(String tenantId);

    // ---- A/B test events

    /** Stores events durably in one transaction; an event stored before (same key) is ignored, not an error. */
    void insertAbEvents(java.util.List<AbEvent> events);

    /** Event and distinct-user counts per variant and event type of one test; empty when it has no events. */
    java.util.List<AbCount> abCounts(String tenantId, String testId);

    // ---- change feed -----------------------------------------------------------------------------------------

    /**
     * Changes committed after {@code afterSequence}, in sequence order, at most {@code max}. Lets a node learn
     * the writes of other nodes sharing the same database.
     */
    List<Change> changesAfter(long afterSequence, int max);

    /** The newest committed change sequence (0 when none). */
    long lastChangeSequence();

    /**
     * Deletes the change-feed rows committed before {@code olderThan}, but never the newest change (so
     * {@link #lastChangeSequence()} stays). A tailer further behind than that misses what was deleted. Nothing calls
     * this by itself: schedule it.
     *
     * @return how many changes it deleted
     */
    int pruneChanges(Instant olderThan);

    /**
     * Deletes the idempotency keys stored before {@code olderThan} (a retry after that stores a new interaction),
     * in transactions of a bounded size. Nothing calls this by itself: schedule it.
     *
     * @return how many keys it deleted
     */
    int pruneIdempotencyKeys(Instant olderThan);

    /** Gauges for metrics; zeros when the implementation keeps none. */
    default StoreStats stats() {
        return StoreStats.NONE;
    }

    @Override
    void close();
}
