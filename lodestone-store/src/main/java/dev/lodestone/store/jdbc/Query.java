package dev.lodestone.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One SQL statement with its parameters bound, run on a connection. */
final class Query {
    /** Most parameters one statement carries (SQLite allows 32,766, PostgreSQL 65,535). */
    static final int MAX_IN_LIST = 500;

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Query() {
    }

    static <T> List<T> list(Connection c, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) out.add(reader.read(rows));
                return out;
            }
        }
    }

    static <T> Optional<T> first(Connection c, String sql, Binder binder, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
            }
        }
    }

    static long single(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /** "?, ?, ?" with {@code count} markers. */
    static String markers(int count) {
        return "?" + ", ?".repeat(Math.max(0, count - 1));
    }
}
