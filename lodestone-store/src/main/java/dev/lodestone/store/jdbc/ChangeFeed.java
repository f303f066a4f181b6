package dev.lodestone.store.jdbc;

import dev.lodestone.store.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The changes table: written in the transaction of every write, tailed by other nodes. */
final class ChangeFeed {
    private static final String INSERT =
            "INSERT INTO changes (tenant_id, kind, entity_type, change_key, committed_at) VALUES (?, ?, ?, ?, ?)";
    private static final String AFTER =
            "SELECT sequence, tenant_id, kind, entity_type, change_key FROM changes WHERE sequence > ? "
                    + "ORDER BY sequence LIMIT ?";
    private static final String LAST = "SELECT COALESCE(MAX(sequence), 0) FROM changes";

    private ChangeFeed() {
    }

    /** Records the changes (their sequence is assigned by the database). */
    static void record(Connection c, SqlDialect dialect, Instant now, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) return;
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Change change : changes) {
                insert.setString(1, change.tenantId());
                insert.setString(2, change.kind().name());
                insert.setString(3, change.entityType());
                insert.setString(4, change.key());
                dialect.setInstant(insert, 5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void record(Connection c, SqlDialect dialect, Instant now, String tenantId, Change.Kind kind,
                       String entityType, String key) throws SQLException {
        record(c, dialect, now, List.of(new Change(0, tenantId, kind, entityType, key)));
    }

    static List<Change> after(Connection c, long afterSequence, int max) throws SQLException {
        return Query.list(c, AFTER, s -> {
            s.setLong(1, afterSequence);
            s.setInt(2, max);
        }, row -> new Change(row.getLong(1), row.getString(2), Change.Kind.valueOf(row.getString(3)),
                row.getString(4), row.getString(5)));
    }

    static long last(Connection c) throws SQLException {
        return Query.single(c, LAST, s -> {
        });
    }
}
