package dev.lodestone.store.jdbc;

import dev.lodestone.core.model.Entity;
import dev.lodestone.store.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL and row mapping of the entities table. */
final class EntityRows {
    static final String COLUMNS = "tenant_id, entity_type, entity_id, attributes, vector, hidden, available_from, "
            + "expires_at, created_at, updated_at";
    private static final String VALUES = " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String CONFLICT = " ON CONFLICT (tenant_id, entity_type, entity_id)";
    static final String INSERT_NEW = "INSERT INTO entities (" + COLUMNS + ")" + VALUES + CONFLICT + " DO NOTHING";
    static final String UPSERT = "INSERT INTO entities (" + COLUMNS + ")" + VALUES + CONFLICT
            + " DO UPDATE SET attributes = excluded.attributes, vector = excluded.vector, hidden = excluded.hidden,"
            + " available_from = excluded.available_from, expires_at = excluded.expires_at,"
            + " updated_at = excluded.updated_at";
    static final String BY_KEY = "SELECT " + COLUMNS
            + " FROM entities WHERE tenant_id = ? AND entity_type = ? AND entity_id = ?";
    static final String BY_ID = "SELECT " + COLUMNS
            + " FROM entities WHERE tenant_id = ? AND entity_id = ? ORDER BY entity_type";
    static final String DELETE = "DELETE FROM entities WHERE tenant_id = ? AND entity_type = ? AND entity_id = ?";
    static final String COUNT = "SELECT COUNT(*) FROM entities WHERE tenant_id = ?";

    /** Identity of an entity across tenants. */
    record Key(String tenantId, String entityType, String entityId) {
        static Key of(Entity e) {
            return new Key(e.tenantId(), e.entityType(), e.entityId());
        }
    }

    private final SqlDialect dialect;

    EntityRows(SqlDialect dialect) {
        this.dialect = dialect;
    }

    Entity read(ResultSet row) throws SQLException {
        return new Entity(row.getString(1), row.getString(2), row.getString(3), Json.read(row.getString(4)),
                Vectors.decode(row.getBytes(5)), row.getBoolean(6), dialect.getInstant(row, 7),
                dialect.getInstant(row, 8), dialect.getInstant(row, 9), dialect.getInstant(row, 10));
    }

    void bind(PreparedStatement statement, Entity e) throws SQLException {
        statement.setString(1, e.tenantId());
        statement.setString(2, e.entityType());
        statement.setString(3, e.entityId());
        statement.setString(4, Json.write(e.attributes()));
        statement.setBytes(5, Vectors.encode(e.vector()));
        statement.setBoolean(6, e.hidden());
        dialect.setInstant(statement, 7, e.availableFrom());
        dialect.setInstant(statement, 8, e.expiresAt());
        dialect.setInstant(statement, 9, e.createdAt());
        dialect.setInstant(statement, 10, e.updatedAt());
    }

    /** Entity with its instants truncated to what the store keeps, defaults filled in, keys checked. */
    static Entity normalized(Entity e, Instant now) {
        if (e.tenantId() == null || e.entityType() == null || e.entityId() == null) {
            throw new IllegalArgumentException("entity tenant, type and id are required");
        }
        return new Entity(e.tenantId(), e.entityType(), e.entityId(),
                e.attributes() == null ? new LinkedHashMap<>() : e.attributes(), e.vector(), e.hidden(),
                Instants.micros(e.availableFrom()), Instants.micros(e.expiresAt()),
                e.createdAt() == null ? now : Instants.micros(e.createdAt()),
                e.updatedAt() == null ? now : Instants.micros(e.updatedAt()));
    }

    static Entity withCreatedAt(Entity e, Instant createdAt) {
        return new Entity(e.tenantId(), e.entityType(), e.entityId(), e.attributes(), e.vector(), e.hidden(),
                e.availableFrom(), e.expiresAt(), createdAt, e.updatedAt());
    }

    /** created_at of those keys that are stored. */
    Map<Key, Instant> createdAtOf(Connection c, List<Key> keys) throws SQLException {
        Map<String, List<String>> idsByTenant = new LinkedHashMap<>();
        for (Key key : keys) idsByTenant.computeIfAbsent(key.tenantId(), t -> new ArrayList<>()).add(key.entityId());
        Map<Key, Instant> found = new HashMap<>();
        for (var tenantIds : idsByTenant.entrySet()) {
            List<String> ids = tenantIds.getValue().stream().distinct().toList();
            for (int from = 0; from < ids.size(); from += Query.MAX_IN_LIST) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Query.MAX_IN_LIST));
                String sql = "SELECT entity_type, entity_id, created_at FROM entities WHERE tenant_id = ? AND "
                        + dialect.inTexts("entity_id", chunk.size());
                Query.list(c, sql, s -> {
                    s.setString(1, tenantIds.getKey());
                    dialect.bindTexts(s, 2, chunk);
                }, row -> found.put(new Key(tenantIds.getKey(), row.getString(1), row.getString(2)),
                        dialect.getInstant(row, 3)));
            }
        }
        found.keySet().retainAll(new HashSet<>(keys));
        return found;
    }

    /**
     * Upserts normalized entities, keeping the created_at of stored rows, and records the changes.
     *
     * @return the stored rows in input order; when a key repeats, the last occurrence is what is stored
     */
    List<Entity> upsert(Connection c, List<Entity> normalized, Instant now) throws SQLException {
        List<Key> keys = normalized.stream().map(Key::of).toList();
        Map<Key, Instant> createdAt = createdAtOf(c, keys);
        List<Entity> stored = new ArrayList<>(normalized.size());
        Map<Key, Entity> lastByKey = new LinkedHashMap<>();
        for (Entity e : normalized) {
            Entity resolved = withCreatedAt(e, createdAt.computeIfAbsent(Key.of(e), k -> e.createdAt()));
            stored.add(resolved);
            lastByKey.put(Key.of(e), resolved);
        }
        List<Change> changes = new ArrayList<>(lastByKey.size());
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (Entity e : lastByKey.values()) {
                bind(upsert, e);
                upsert.addBatch();
                changes.add(new Change(0, e.tenantId(), Change.Kind.ENTITY_UPSERTED, e.entityType(), e.entityId()));
            }
            upsert.executeBatch();
        }
        ChangeFeed.record(c, dialect, now, changes);
        return stored;
    }
}
