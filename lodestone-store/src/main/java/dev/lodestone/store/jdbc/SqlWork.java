package dev.lodestone.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a JDBC connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
