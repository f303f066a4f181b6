package dev.lodestone.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionType;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.store.AppendResult;
import dev.lodestone.store.AbCount;
import dev.lodestone.store.AbEvent;
import dev.lodestone.store.Change;
import dev.lodestone.store.EvaluationRecord;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreException;
import dev.lodestone.store.StoreStats;
import dev.lodestone.store.UserSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store over JDBC, shared by SQLite and PostgreSQL: every write goes through one {@link GroupCommitter}
 * (so concurrent writes share transactions and commits happen in sequence order), every read through a pool.
 *
 * <p>Instants are kept to the microsecond: what is returned and read back is the input truncated to micros.
 */
public abstract class JdbcStore implements Store {
    private static final int FETCH_SIZE = 1_000;
    private static final String[] TENANT_TABLES = {"entities", "interactions", "idempotency_keys",
            "interaction_types", "api_keys", "ab_events", "changes", "learned_models",
            "evaluation_runs"};

    private final SqlDialect dialect;
    private final HikariDataSource readers;
    private final GroupCommitter writer;
    private final StoreAvailability availability;
    private final AutoCloseable resources;
    private final Clock clock;
    private final EntityRows entities;
    private final InteractionRows interactions;

    /**
     * @param readers   pool for reads (closed by {@code resources}, not here)
     * @param writer    the committer of all writes (closed here, first)
     * @param availability whether the database answers (reads and the committer's writes pass through it); closed here
     * @param resources closed last, after the committer has drained
     */
    protected JdbcStore(SqlDialect dialect, HikariDataSource readers, GroupCommitter writer,
                        StoreAvailability availability, AutoCloseable resources, Clock clock) {
        this.dialect = dialect;
        this.readers = readers;
        this.writer = writer;
        this.availability = availability;
        this.resources = resources;
        this.clock = clock;
        this.entities = new EntityRows(dialect);
        this.interactions = new InteractionRows(dialect);
        writer.deferring(new GroupCommitter.Deferred() {
            @Override
            public void flush(Connection connection) throws SQLException {
                interactions.flush(connection);
            }

            @Override
            public void discard() {
                interactions.discard();
            }
        });
    }

    @Override
    public String kind() {
        return dialect.kind();
    }

    /** The committer of this store's writes (for its counters). */
    public GroupCommitter committer() {
        return writer;
    }

    @Override
    public boolean ping() {
        try {
            return read("ping", c -> Query.single(c, "SELECT 1", s -> {
            }) == 1);
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public boolean available() {
        return availability.available();
    }

    @Override
    public StoreStats stats() {
        HikariPoolMXBean pool = readers.getHikariPoolMXBean();
        return new StoreStats(writer.transactions(), writer.operations(), writer.pending(),
                pool == null ? 0 : pool.getActiveConnections(), pool == null ? 0 : pool.getIdleConnections(),
                pool == null ? 0 : pool.getThreadsAwaitingConnection());
    }

    // ---- tenants ---------------------------------------------------------------------------------------------

    private static final String TENANT_COLUMNS = "tenant_id, name, created_at";

    private Tenant tenantRow(ResultSet row) throws SQLException {
        return new Tenant(row.getString(1), row.getString(2), dialect.getInstant(row, 3));
    }

    private boolean insertTenant(Connection c, Tenant tenant, Instant now) throws SQLException {
        int inserted = Query.update(c, "INSERT INTO tenants (" + TENANT_COLUMNS + ") VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_id) DO NOTHING", s -> {
            s.setString(1, tenant.tenantId());
            s.setString(2, tenant.name());
            dialect.setInstant(s, 3, tenant.createdAt() == null ? now : Instants.micros(tenant.createdAt()));
        });
        if (inserted == 1) ChangeFeed.record(c, dialect, now, tenant.tenantId(), Change.Kind.TENANT_CREATED, null,
                tenant.tenantId());
        return inserted == 1;
    }

    private Optional<Tenant> tenant(Connection c, String tenantId) throws SQLException {
        return Query.first(c, "SELECT " + TENANT_COLUMNS + " FROM tenants WHERE tenant_id = ?",
                s -> s.setString(1, tenantId), this::tenantRow);
    }

    @Override
    public Tenant ensureTenant(String tenantId, String name) {
        requireId("tenant id", tenantId);
        Optional<Tenant> existing = tenant(tenantId);
        if (existing.isPresent()) return existing.get();
        return write("ensure tenant", c -> {
            insertTenant(c, new Tenant(tenantId, name, null), now());
            return tenant(c, tenantId).orElseThrow();
        });
    }

    @Override
    public boolean createTenant(Tenant tenant) {
        requireId("tenant id", tenant.tenantId());
        return write("create tenant", c -> insertTenant(c, tenant, now()));
    }

    @Override
    public Optional<Tenant> tenant(String tenantId) {
        return read("read tenant", c -> tenant(c, tenantId));
    }

    @Override
    public List<Tenant> tenants() {
        return read("list tenants", c -> Query.list(c, "SELECT " + TENANT_COLUMNS + " FROM tenants ORDER BY tenant_id",
                s -> {
                }, this::tenantRow));
    }

    @Override
    public boolean deleteTenant(String tenantId) {
        return write("delete tenant", c -> {
            int deleted = 0;
            for (String table : TENANT_TABLES) {
                deleted += Query.update(c, "DELETE FROM " + table + " WHERE tenant_id = ?", s -> s.setString(1, tenantId));
            }
            deleted += Query.update(c, "DELETE FROM tenants WHERE tenant_id = ?", s -> s.setString(1, tenantId));
            if (deleted > 0) ChangeFeed.record(c, dialect, now(), tenantId, Change.Kind.TENANT_DELETED, null, tenantId);
            return deleted > 0;
        });
    }

    // ---- entities --------------------------------------------------------------------------------------------

    @Override
    public boolean insertEntity(Entity entity) {
        return write("insert entity", c -> {
            Instant now = now();
            Entity e = EntityRows.normalized(entity, now);
            boolean inserted = Query.update(c, EntityRows.INSERT_NEW, s -> entities.bind(s, e)) == 1;
            if (inserted) ChangeFeed.record(c, dialect, now, e.tenantId(), Change.Kind.ENTITY_UPSERTED,
                    e.entityType(), e.entityId());
            return inserted;
        });
    }

    @Override
    public Optional<Entity> replaceEntity(Entity entity) {
        return write("replace entity", c -> {
            Instant now = now();
            Entity e = EntityRows.normalized(entity, now);
            if (entities.createdAtOf(c, List.of(EntityRows.Key.of(e))).isEmpty()) return Optional.empty();
            return Optional.of(entities.upsert(c, List.of(e), now).getFirst());
        });
    }

    @Override
    public Entity upsertEntity(Entity entity) {
        return upsertEntities(List.of(entity)).getFirst();
    }

    @Override
    public List<Entity> upsertEntities(List<Entity> list) {
        if (list.isEmpty()) return List.of();
        return write("upsert entities", c -> {
            Instant now = now();
            List<Entity> normalized = new ArrayList<>(list.size());
            for (Entity e : list) normalized.add(EntityRows.normalized(e, now));
            return entities.upsert(c, normalized, now);
        });
    }

    @Override
    public Optional<Entity> entity(String tenantId, String entityType, String entityId) {
        return read("read entity", c -> Query.first(c, EntityRows.BY_KEY, s -> {
            s.setString(1, tenantId);
            s.setString(2, entityType);
            s.setString(3, entityId);
        }, entities::read));
    }

    @Override
    public List<Entity> entitiesWithId(String tenantId, String entityId) {
        return read("read entities", c -> Query.list(c, EntityRows.BY_ID, s -> {
            s.setString(1, tenantId);
            s.setString(2, entityId);
        }, entities::read));
    }

    @Override
    public boolean deleteEntity(String tenantId, String entityType, String entityId) {
        return write("delete entity", c -> {
            boolean deleted = Query.update(c, EntityRows.DELETE, s -> {
                s.setString(1, tenantId);
                s.setString(2, entityType);
                s.setString(3, entityId);
            }) == 1;
            if (deleted) ChangeFeed.record(c, dialect, now(), tenantId, Change.Kind.ENTITY_DELETED, entityType, entityId);
            return deleted;
        });
    }

    @Override
    public void forEachEntity(String tenantId, String entityType, Instant modifiedAfter, Consumer<Entity> sink) {
        String sql = "SELECT " + EntityRows.COLUMNS + " FROM entities WHERE tenant_id = ?"
                + (entityType == null ? "" : " AND entity_type = ?")
                + (modifiedAfter == null ? "" : " AND updated_at > ?")
                + " ORDER BY entity_type, entity_id";
        stream("export entities", sql, s -> {
            int p = 1;
            s.setString(p++, tenantId);
            if (entityType != null) s.setString(p++, entityType);
            if (modifiedAfter != null) dialect.setInstant(s, p, Instants.micros(modifiedAfter));
        }, entities::read, sink);
    }

    @Override
    public long countEntities(String tenantId) {
        return read("count entities", c -> Query.single(c, EntityRows.COUNT, s -> s.setString(1, tenantId)));
    }

    // ---- interactions ----------------------------------------------------------------------------------------

    @Override
    public List<AppendResult> appendInteractions(List<InteractionDraft> drafts) {
        if (drafts.isEmpty()) return List.of();
        // Not write(): the rows stay pending, so that the appends of one transaction share their statements.
        return writer.submit("append interactions", c -> {
            Instant now = now();
            List<InteractionDraft> normalized = new ArrayList<>(drafts.size());
            for (InteractionDraft d : drafts) normalized.add(InteractionRows.normalized(d, now));
            return interactions.append(c, normalized, now);
        });
    }

    @Override
    public List<Interaction> interactionsOfUser(String tenantId, String userId, int limit, int offset) {
        return read("read user interactions", c -> interactions.ofUser(c, tenantId, userId, limit, offset));
    }

    @Override
    public List<Interaction> interactionsOfEntity(String tenantId, String entityType, String entityId, int limit,
                                                  int offset) {
        return read("read entity interactions",
                c -> interactions.ofEntity(c, tenantId, entityType, entityId, limit, offset));
    }

    @Override
    public void forEachInteraction(String tenantId, Instant from, Instant to, Consumer<Interaction> sink) {
        String sql = "SELECT " + InteractionRows.COLUMNS + " FROM interactions WHERE tenant_id = ?"
                + (from == null ? "" : " AND occurred_at >= ?")
                + (to == null ? "" : " AND occurred_at < ?")
                + " ORDER BY id";
        stream("export interactions", sql, s -> {
            int p = 1;
            s.setString(p++, tenantId);
            if (from != null) dialect.setInstant(s, p++, Instants.micros(from));
            if (to != null) dialect.setInstant(s, p, Instants.micros(to));
        }, interactions::read, sink);
    }

    @Override
    public long countInteractions(String tenantId) {
        return read("count interactions", c -> Query.single(c, InteractionRows.COUNT, s -> s.setString(1, tenantId)));
    }

    @Override
    public List<Interaction> interactionsInRange(long firstId, long lastId) {
        if (firstId > lastId) return List.of();
        return read("read interactions", c -> interactions.inRange(c, firstId, lastId));
    }

    @Override
    public void forEachUser(String tenantId, Consumer<UserSummary> sink) {
        stream("export users", InteractionRows.USERS, s -> s.setString(1, tenantId),
                row -> new UserSummary(tenantId, row.getString(1), row.getLong(2), dialect.getInstant(row, 3),
                        dialect.getInstant(row, 4)), sink);
    }

    // ---- interaction-type registry ---------------------------------------------------------------------------

    private static final String TYPE_COLUMNS = "id, tenant_id, name, weight, description, created_at, updated_at";
    private static final String TYPE_BY_NAME = "SELECT " + TYPE_COLUMNS
            + " FROM interaction_types WHERE tenant_id = ? AND name = ?";

    private InteractionType typeRow(ResultSet row) throws SQLException {
        return new InteractionType(row.getLong(1), row.getString(2), row.getString(3), row.getDouble(4),
                row.getString(5), dialect.getInstant(row, 6), dialect.getInstant(row, 7));
    }

    @Override
    public InteractionType upsertInteractionType(String tenantId, String name, double weight, String description) {
        requireId("interaction type", name);
        return write("upsert interaction type", c -> {
            Instant now = now();
            Query.update(c, "INSERT INTO interaction_types (tenant_id, name, weight, description, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET weight = excluded.weight,"
                    + " description = COALESCE(excluded.description, interaction_types.description),"
                    + " updated_at = excluded.updated_at", s -> {
                s.setString(1, tenantId);
                s.setString(2, name);
                s.setDouble(3, weight);
                s.setString(4, description);
                dialect.setInstant(s, 5, now);
                dialect.setInstant(s, 6, now);
            });
            ChangeFeed.record(c, dialect, now, tenantId, Change.Kind.INTERACTION_TYPE_CHANGED, null, name);
            return Query.first(c, TYPE_BY_NAME, s -> {
                s.setString(1, tenantId);
                s.setString(2, name);
            }, this::typeRow).orElseThrow();
        });
    }

    @Override
    public Optional<InteractionType> interactionType(String tenantId, String name) {
        return read("read interaction type", c -> Query.first(c, TYPE_BY_NAME, s -> {
            s.setString(1, tenantId);
            s.setString(2, name);
        }, this::typeRow));
    }

    @Override
    public List<InteractionType> interactionTypes(String tenantId) {
        return read("list interaction types", c -> Query.list(c, "SELECT " + TYPE_COLUMNS
                + " FROM interaction_types WHERE tenant_id = ? ORDER BY name", s -> s.setString(1, tenantId),
                this::typeRow));
    }

    @Override
    public boolean deleteInteractionType(String tenantId, String name) {
        return deleteRecorded("delete interaction type", "DELETE FROM interaction_types WHERE tenant_id = ? AND name = ?",
                tenantId, name, Change.Kind.INTERACTION_TYPE_CHANGED);
    }

    // ---- learned models ----------------------------------------------------------------------------------------

    @Override
    public void saveModel(String tenantId, String kind, Instant trainedAt, byte[] data) {
        requireId("model kind", kind);
        write("save learned model", c -> Query.update(c, "INSERT INTO learned_models (tenant_id, kind, trained_at,"
                + " size_bytes, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, kind) DO UPDATE SET"
                + " trained_at = excluded.trained_at, size_bytes = excluded.size_bytes, data = excluded.data", s -> {
            s.setString(1, tenantId);
            s.setString(2, kind);
            dialect.setInstant(s, 3, trainedAt);
            s.setLong(4, data.length);
            s.setBytes(5, data);
        }));
    }

    @Override
    public Optional<byte[]> loadModel(String tenantId, String kind) {
        return read("load learned model", c -> Query.first(c,
                "SELECT data FROM learned_models WHERE tenant_id = ? AND kind = ?", s -> {
                    s.setString(1, tenantId);
                    s.setString(2, kind);
                }, r -> r.getBytes(1)));
    }

    // ---- offline evaluations ------------------------------------------------------------------------------------

    @Override
    public void saveEvaluation(EvaluationRecord e) {
        requireId("evaluation id", e.evaluationId());
        write("save evaluation", c -> Query.update(c, "INSERT INTO evaluation_runs (tenant_id, evaluation_id, k,"
                + " interactions, started_at, finished_at, results) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id)"
                + " DO UPDATE SET evaluation_id = excluded.evaluation_id, k = excluded.k,"
                + " interactions = excluded.interactions, started_at = excluded.started_at,"
                + " finished_at = excluded.finished_at, results = excluded.results", s -> {
            s.setString(1, e.tenantId());
            s.setString(2, e.evaluationId());
            s.setInt(3, e.k());
            s.setInt(4, e.interactions());
            dialect.setInstant(s, 5, Instants.micros(e.startedAt()));
            dialect.setInstant(s, 6, Instants.micros(e.finishedAt()));
            s.setString(7, EvaluationResultsJson.write(e.results()));
        }));
    }

    @Override
    public Optional<EvaluationRecord> lastEvaluation(String tenantId) {
        return read("load evaluation", c -> Query.first(c, "SELECT evaluation_id, k, interactions, started_at,"
                + " finished_at, results FROM evaluation_runs WHERE tenant_id = ?", s -> s.setString(1, tenantId),
                r -> new EvaluationRecord(tenantId, r.getString(1), r.getInt(2), r.getInt(3), dialect.getInstant(r, 4),
                        dialect.getInstant(r, 5), EvaluationResultsJson.read(r.getString(6)))));
    }

    // ---- API keys --------------------------------------------------------------------------------------------

    private static final String KEY_COLUMNS = "key_id, tenant_id, name, secret_hash, created_at, kind, allowed_origins, allow_purchases";

    private ApiKey keyRow(ResultSet row) throws SQLException {
        String origins = row.getString(7);
        return new ApiKey(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                dialect.getInstant(row, 5), ApiKey.Kind.valueOf(row.getString(6).toUpperCase(java.util.Locale.ROOT)),
                origins == null || origins.isEmpty() ? List.of() : List.of(origins.split(" ")), row.getBoolean(8));
    }

    @Override
    public void insertApiKey(ApiKey key) {
        requireId("API key id", key.keyId());
        requireId("API key hash", key.secretHash());
        write("insert API key", c -> {
            Instant now = now();
            Query.update(c, "INSERT INTO api_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                s.setString(1, key.keyId());
                s.setString(2, key.tenantId());
                s.setString(3, key.name());
                s.setString(4, key.secretHash());
                dialect.setInstant(s, 5, key.createdAt() == null ? now : Instants.micros(key.createdAt()));
                s.setString(6, key.kind().wireName());
                // origins never contain spaces (the API validates them): a space-separated list
                s.setString(7, key.allowedOrigins().isEmpty() ? null : String.join(" ", key.allowedOrigins()));
                s.setBoolean(8, key.allowPurchases());
            });
            ChangeFeed.record(c, dialect, now, key.tenantId(), Change.Kind.API_KEY_CHANGED, null, key.keyId());
            return null;
        });
    }

    @Override
    public Optional<ApiKey> apiKeyByHash(String secretHash) {
        return read("read API key", c -> Query.first(c, "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE secret_hash = ?",
                s -> s.setString(1, secretHash), this::keyRow));
    }

    @Override
    public List<ApiKey> apiKeys(String tenantId) {
        return read("list API keys", c -> Query.list(c, "SELECT " + KEY_COLUMNS
                + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, key_id", s -> s.setString(1, tenantId),
                this::keyRow));
    }

    @Override
    public List<ApiKey> allApiKeys() {
        return read("list all API keys", c -> Query.list(c, "SELECT " + KEY_COLUMNS + " FROM api_keys ORDER BY tenant_id, key_id",
                s -> {
                }, this::keyRow));
    }

    @Override
    public boolean deleteApiKey(String tenantId, String keyId) {
        return deleteRecorded("delete API key", "DELETE FROM api_keys WHERE tenant_id = ? AND key_id = ?",
                tenantId, keyId, Change.Kind.API_KEY_CHANGED);
    }

    // ---- A/B test events -------------------------------------------------------------------------------------

    @Override
    public void insertAbEvents(List<AbEvent> events) {
        if (events.isEmpty()) return;
        write("insert A/B events", c -> {
            Instant now = now();
            try (var s = c.prepareStatement("INSERT INTO ab_events (tenant_id, test_id, variant, user_id, event_type, "
                    + "occurred_at, metadata, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (AbEvent e : events) {
                    s.setString(1, e.tenantId());
                    s.setString(2, e.testId());
                    s.setString(3, e.variant());
                    s.setString(4, e.userId());
                    s.setString(5, e.eventType());
                    dialect.setInstant(s, 6, Instants.micros(e.occurredAt() == null ? now : e.occurredAt()));
                    s.setString(7, e.metadata() == null || e.metadata().isEmpty() ? null : Json.write(e.metadata()));
                    dialect.setInstant(s, 8, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<AbCount> abCounts(String tenantId, String testId) {
        return read("read A/B counts", c -> Query.list(c, "SELECT variant, event_type, COUNT(*), COUNT(DISTINCT user_id) "
                        + "FROM ab_events WHERE tenant_id = ? AND test_id = ? GROUP BY variant, event_type ORDER BY variant, event_type",
                s -> {
                    s.setString(1, tenantId);
                    s.setString(2, testId);
                }, row -> new AbCount(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4))));
    }

    /** Deletes the row of (tenant, key) named by {@code sql}, and records the change when there was one. */
    private boolean deleteRecorded(String what, String sql, String tenantId, String key, Change.Kind kind) {
        return write(what, c -> {
            boolean deleted = Query.update(c, sql, s -> {
                s.setString(1, tenantId);
                s.setString(2, key);
            }) == 1;
            if (deleted) ChangeFeed.record(c, dialect, now(), tenantId, kind, null, key);
            return deleted;
        });
    }

    // ---- change feed -----------------------------------------------------------------------------------------

    @Override
    public List<Change> changesAfter(long afterSequence, int max) {
        if (max <= 0) return List.of();
        return read("read changes", c -> ChangeFeed.after(c, afterSequence, max));
    }

    @Override
    public int pruneChanges(Instant olderThan) {
        Instant bound = Instants.micros(olderThan);
        return write("prune changes", c -> ChangeFeed.prune(c, dialect, bound));
    }

    /** Keys deleted per transaction: the writer is shared with clients' writes, which must not wait long behind it. */
    private static final int PRUNE_BATCH = 5_000;

    @Override
    public int pruneIdempotencyKeys(Instant olderThan) {
        Instant bound = Instants.micros(olderThan);
        int total = 0;
        while (true) {
            int deleted = write("prune idempotency keys", c -> interactions.pruneKeys(c, bound, PRUNE_BATCH));
            total += deleted;
            if (deleted < PRUNE_BATCH) return total;
        }
    }

    @Override
    public long lastChangeSequence() {
        return read("read last change", ChangeFeed::last);
    }

    @Override
    public void close() {
        writer.close();
        availability.close();
        try {
            resources.close();
        } catch (Exception e) {
            throw Failures.of("close store", e);
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requireId(String what, String value) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException(what + " is required");
    }

    /** Any write but an append: appends pending in the transaction are written first, so that order holds. */
    private <T> T write(String what, SqlWork<T> work) {
        return writer.submit(what, c -> {
            interactions.flush(c);
            return work.apply(c);
        });
    }

    /** Fails at once while the database is known to be down; tells the availability what a read found. */
    private <T> T read(String what, SqlWork<T> work) {
        availability.permit(what);
        long start = System.nanoTime();
        try (Connection c = readers.getConnection()) {
            T result = work.apply(c);
            availability.succeeded(System.nanoTime() - start);
            return result;
        } catch (SinkFailure e) {
            availability.released();
            throw e.getCause();
        } catch (Exception e) {
            availability.failed(System.nanoTime() - start, e);
            throw Failures.of(what, e);
        }
    }

    /** Carries an exception thrown by a caller's sink past our own failure handling, unchanged. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(null, cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private <T> void stream(String what, String sql, Query.Binder binder, Query.RowReader<T> reader,
                            Consumer<T> sink) {
        read(what, c -> {
            dialect.beginStreaming(c);
            try (PreparedStatement statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        T item = reader.read(rows);
                        try {
                            sink.accept(item);
                        } catch (RuntimeException e) {
                            throw new SinkFailure(e);
                        }
                    }
                }
            } finally {
                dialect.endStreaming(c);
            }
            return null;
        });
    }
}
