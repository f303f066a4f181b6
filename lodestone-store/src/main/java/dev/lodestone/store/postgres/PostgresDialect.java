package dev.lodestone.store.postgres;

import dev.lodestone.store.jdbc.SqlDialect;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL: instants as timestamptz (microseconds). Several nodes may write to one database, so every write
 * transaction first takes a transaction-scoped advisory lock: sequences are then drawn and committed in the same
 * order, and a change-feed reader that has seen sequence N never later finds a smaller one appear.
 */
final class PostgresDialect implements SqlDialect {
    private static final int ID_BLOCK = 256;
    private static final long[] NONE = new long[0];

    private final long writeLockKey;
    // Touched only by the group committer's single thread.
    private long[] reserved = NONE;
    private int nextReserved;

    /** @param lockScope distinguishes stores in different schemas of one database, so they do not block each other */
    PostgresDialect(String lockScope) {
        this.writeLockKey = ("lodestone-write:" + lockScope).hashCode();
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    /**
     * One array parameter, so the statement text is the same for any count. {@code = ANY} of it is an index
     * condition in every plan, also in the generic plan the driver switches to after five executions: a semi-join
     * on {@code unnest} of it was planned there as a sequential scan of a million idempotency keys per lookup.
     */
    @Override
    public String inTexts(String column, int count) {
        return column + " = ANY (?::text[])";
    }

    @Override
    public int bindTexts(PreparedStatement statement, int index, List<String> values) throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf("text", values.toArray()));
        return index + 1;
    }

    /** An array, not a subquery: the index scan then takes it as "= ANY" and seeks each bucket. */
    @Override
    public String idBucketsOfTenant(int shift) {
        return "(id >> " + shift + ") = ANY (ARRAY(SELECT generate_series("
                + "(SELECT MIN(id) FROM interactions WHERE tenant_id = ?) >> " + shift + ", "
                + "(SELECT MAX(id) FROM interactions WHERE tenant_id = ?) >> " + shift + ")))";
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        else statement.setObject(index, value.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void beginWrite(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, writeLockKey);
            lock.execute();
        }
        // Ids reserved by an earlier transaction must not be used after other nodes' commits: start afresh.
        reserved = NONE;
        nextReserved = 0;
    }

    /**
     * Draws ids in blocks of at least {@value #ID_BLOCK}, so that a group-committed batch of single appends costs
     * one sequence round trip, not one each. Ids left over at commit are skipped (gaps are allowed).
     */
    @Override
    public long[] nextInteractionIds(Connection connection, int count) throws SQLException {
        if (reserved.length - nextReserved < count) {
            reserved = drawIds(connection, Math.max(count, ID_BLOCK));
            nextReserved = 0;
        }
        long[] ids = Arrays.copyOfRange(reserved, nextReserved, nextReserved + count);
        nextReserved += count;
        return ids;
    }

    /**
     * One round trip and one row for any count: under the write lock nobody else draws from the sequence, so
     * moving it on by {@code count} reserves the ids between.
     */
    private static long[] drawIds(Connection connection, int count) throws SQLException {
        long last;
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT setval('interaction_ids', nextval('interaction_ids') + ? - 1)")) {
            next.setLong(1, count);
            try (ResultSet row = next.executeQuery()) {
                row.next();
                last = row.getLong(1);
            }
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = last - count + 1 + i;
        return ids;
    }

    @Override
    public boolean supportsCopy() {
        return true;
    }

    @Override
    public void copyIn(Connection connection, String copySql, String text) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(text));
        } catch (IOException e) {
            throw new SQLException("COPY input failed", e);
        }
    }

    /** A cursor needs a transaction; exports may run longer than the statement timeout allows. */
    @Override
    public void beginStreaming(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL statement_timeout = 0");
        }
    }

    @Override
    public void endStreaming(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }
}
