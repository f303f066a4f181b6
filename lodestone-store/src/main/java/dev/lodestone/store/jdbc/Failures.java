package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;

import java.sql.SQLException;

/** Turns whatever a database call threw into the store's exception, with a message fit for operators' logs. */
final class Failures {
    private Failures() {
    }

    static RuntimeException of(String what, Throwable failure) {
        if (failure instanceof StoreException e) return new StoreException(e.getMessage(), e);
        // Our own argument checks are the caller's bug, not a store failure: keep them recognisable.
        if (failure instanceof IllegalArgumentException e) return e;
        if (failure instanceof SQLException e) {
            return new StoreException(what + " failed (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")", e);
        }
        return new StoreException(what + " failed (" + failure.getClass().getSimpleName() + ")", failure);
    }
}
