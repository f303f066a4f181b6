package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;
import dev.lodestone.store.StoreOutcomeUnknownException;
import dev.lodestone.store.StoreUnavailableException;

import java.sql.SQLException;

/** Turns whatever a database call threw into the store's exception, with a message fit for operators' logs. */
final class Failures {
    private Failures() {
    }

    static RuntimeException of(String what, Throwable failure) {
        if (failure instanceof StoreOutcomeUnknownException e) return new StoreOutcomeUnknownException(e.getMessage(), e);
        if (failure instanceof StoreUnavailableException e) return new StoreUnavailableException(e.getMessage(), e);
        if (failure instanceof StoreException e) return new StoreException(e.getMessage(), e);
        // Our own argument checks are the caller's bug, not a store failure: keep them recognisable.
        if (failure instanceof IllegalArgumentException e) return e;
        if (Outages.isOutage(failure)) {
            return new StoreUnavailableException(what + " failed: the database is unreachable (" + describe(failure) + ")",
                    failure);
        }
        return new StoreException(what + " failed (" + describe(failure) + ")", failure);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof SQLException e) return "SQLState " + e.getSQLState() + ", error " + e.getErrorCode();
        return failure.getClass().getSimpleName();
    }
}
