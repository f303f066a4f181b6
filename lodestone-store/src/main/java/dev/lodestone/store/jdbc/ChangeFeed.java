package dev.lodestone.store.jdbc;

import dev.lodestone.store.Change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** The changes table: written in the transaction of every write, tailed by other nodes. */
final class ChangeFeed {
    private static final String INSERT =
            "INSERT INTO changes (tenant_id, kind, entity_type, change_key, last_id, committed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String AFTER =
            "SELECT sequence, tenant_id, kind, entity_type, change_key, last_id FROM changes WHERE sequence > ? "
                    + "ORDER BY sequence LIMIT ?";
    /** The oldest change to keep: committed_at grows with sequence, so this reads only the rows pruning removes. */
    private static final String FIRST_KEPT =
            "SELECT sequence FROM changes WHERE committed_at >= ? ORDER BY sequence LIMIT 1";
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
                if (change.kind() == Change.Kind.INTERACTIONS_APPENDED) insert.setLong(5, change.lastInteractionId());
                else insert.setNull(5, Types.BIGINT);
                dialect.setInstant(insert, 6, now);
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
        }, ChangeFeed::read);
    }

    private static Change read(ResultSet row) throws SQLException {
        long lastId = row.getLong(6);
        boolean range = !row.wasNull();
        Change.Kind kind = Change.Kind.valueOf(row.getString(3));
        return range ? new Change(row.getLong(1), row.getString(2), kind, row.getString(4), row.getString(5), lastId)
                : new Change(row.getLong(1), row.getString(2), kind, row.getString(4), row.getString(5));
    }

    /**
     * Deletes the changes committed before {@code olderThan}, except the newest change, which always stays so that
     * the last sequence survives. Returns how many it deleted.
     */
    static int prune(Connection c, SqlDialect dialect, Instant olderThan) throws SQLException {
        long firstKept = Query.first(c, FIRST_KEPT, s -> dialect.setInstant(s, 1, olderThan), row -> row.getLong(1))
                .orElse(last(c));
        return Query.update(c, "DELETE FROM changes WHERE sequence < ?", s -> s.setLong(1, firstKept));
    }

    static long last(Connection c) throws SQLException {
        return Query.single(c, LAST, s -> {
        });
    }
}
