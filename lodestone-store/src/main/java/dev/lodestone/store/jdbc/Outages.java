package dev.lodestone.store.jdbc;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a failure of the database's reachability (it is down or gone) from a failure of one operation. */
final class Outages {
    private Outages() {
    }

    /**
     * Connection exceptions (SQLState class 08), the server shutting down or not yet accepting connections (57P01–03),
     * a pool that could not hand out a connection, and socket failures anywhere in the cause chain.
     */
    /**
     * The server itself said it is shutting down (57P01–03, e.g. a fast shutdown): it answered the commit with that
     * error instead of running it, so the transaction did not commit. Unlike a broken socket, this is no doubt.
     */
    static boolean refusedByServer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("57P0")) return true;
        }
        return false;
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
