package dev.lodestone.store.sqlite;

import dev.lodestone.store.jdbc.Instants;
import dev.lodestone.store.jdbc.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** SQLite: instants as INTEGER microseconds since the epoch (UTC); one writer, so commit order is trivial. */
final class SqliteDialect implements SqlDialect {

    @Override
    public String kind() {
        return "sqlite";
    }

    @Override
    public String inTexts(String column, int count) {
        return column + " IN (?" + ", ?".repeat(Math.max(0, count - 1)) + ")";
    }

    @Override
    public int bindTexts(PreparedStatement statement, int index, List<String> values) throws SQLException {
        for (String value : values) statement.setString(index++, value);
        return index;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) statement.setNull(index, Types.BIGINT);
        else statement.setLong(index, Instants.toEpochMicros(value));
    }

    @Override
    public Instant getInstant(ResultSet row, int index) throws SQLException {
        long micros = row.getLong(index);
        if (row.wasNull()) return null;
        return Instants.ofEpochMicros(micros);
    }

    /** A recursive CTE counts the buckets down from the tenant's highest id (both bounds are index lookups). */
    @Override
    public String idBucketsOfTenant(int shift) {
        return "(id >> " + shift + ") IN (WITH RECURSIVE bucket(n) AS ("
                + "SELECT (SELECT MAX(id) FROM interactions WHERE tenant_id = ?) >> " + shift
                + " UNION ALL SELECT n - 1 FROM bucket"
                + " WHERE n > (SELECT MIN(id) FROM interactions WHERE tenant_id = ?) >> " + shift
                + ") SELECT n FROM bucket)";
    }

    // Touched only by the group committer's single thread: the last id handed out in the current transaction.
    private long lastGiven = -1;

    /** The single writer connection, opened with BEGIN IMMEDIATE, already serialises writes: nothing to lock. */
    @Override
    public void beginWrite(Connection connection) {
        lastGiven = -1;
    }

    /**
     * AUTOINCREMENT keeps the largest id ever used in sqlite_sequence (also after deletes), and an explicit id
     * above it moves it on; the writer is alone, so the next ids are simply the ones after it, and after those
     * already handed out in this transaction (whose rows may not be inserted yet).
     */
    @Override
    public long[] nextInteractionIds(Connection connection, int count) throws SQLException {
        if (lastGiven < 0) {
            lastGiven = 0;
            try (Statement s = connection.createStatement();
                 ResultSet row = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'interactions'")) {
                if (row.next()) lastGiven = row.getLong(1);
            }
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = ++lastGiven;
        return ids;
    }

    @Override
    public void beginStreaming(Connection connection) {
        // SQLite steps through results row by row already.
    }

    @Override
    public void endStreaming(Connection connection) {
    }
}
