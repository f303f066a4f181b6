package dev.lodestone.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** What differs between the databases behind {@link JdbcStore}; the SQL itself is shared. */
public interface SqlDialect {

    /** "sqlite" or "postgresql". */
    String kind();

    /**
     * A predicate "{@code column} is one of {@code count} text values", to be bound by {@link #bindTexts}. Must plan
     * as index lookups even on a table without fresh statistics.
     */
    String inTexts(String column, int count);

    /** Binds the values of {@link #inTexts} from parameter {@code index} on; returns the next free index. */
    int bindTexts(PreparedStatement statement, int index, List<String> values) throws SQLException;

    /** Binds an instant (already truncated to microseconds), or SQL NULL for null. */
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads an instant, or null for SQL NULL. */
    Instant getInstant(ResultSet row, int index) throws SQLException;

    /** Runs first in every write transaction; must make commit order equal to sequence order. */
    void beginWrite(Connection connection) throws SQLException;

    /**
     * Reserves {@code count} new interaction ids, increasing, inside the current write transaction (so that ids
     * increase in commit order).
     */
    long[] nextInteractionIds(Connection connection, int count) throws SQLException;

    /** How many parameters, each the tenant id, {@link #idBucketsOfTenant} holds. */
    int ID_BUCKET_TENANT_PARAMETERS = 2;

    /**
     * A predicate "{@code (id >> shift)} is one of the id buckets from the tenant's lowest to its highest
     * interaction id", with {@value #ID_BUCKET_TENANT_PARAMETERS} parameters, each the tenant id. Must plan as one
     * index seek per bucket on an index that leads with (tenant_id, (id >> shift)).
     */
    String idBucketsOfTenant(int shift);

    /** Whether {@link #copyIn} works: PostgreSQL's {@code COPY ... FROM STDIN} in text format. */
    default boolean supportsCopy() {
        return false;
    }

    /**
     * Runs {@code copySql} ({@code COPY table (columns) FROM STDIN}) with {@code text} as its input: rows of
     * tab-separated, backslash-escaped columns, {@code \N} for NULL, one per line.
     */
    default void copyIn(Connection connection, String copySql, String text) throws SQLException {
        throw new UnsupportedOperationException(kind() + " has no COPY");
    }

    /** Prepares a read connection to stream a large result set with {@code fetchSize} rows per round trip. */
    void beginStreaming(Connection connection) throws SQLException;

    /** Undoes {@link #beginStreaming}. */
    void endStreaming(Connection connection) throws SQLException;
}
