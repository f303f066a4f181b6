package dev.lodestone.server.api;

import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Route;
import dev.lodestone.store.StoreOutcomeUnknownException;
import dev.lodestone.store.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * While the store is unreachable, a request that needs it is answered 503 {@code STORE_UNAVAILABLE} with
 * {@code Retry-After}, never 500: the client did nothing wrong and may retry. A write answered so was not stored and
 * will not be (see the store's group committer).
 */
public final class StoreOutages {
    /** Seconds a client should wait: the store's probe looks every 250 ms, so a second is enough to see it back. */
    static final String RETRY_AFTER_SECONDS = "1";

    private StoreOutages() {
    }

    /** The route with its handler's store outages turned into 503. */
    public static Route guarded(Route route) {
        var handler = route.handler();
        return new Route(route.method(), route.template(), route.access(), exchange -> {
            try {
                handler.handle(exchange);
            } catch (Exception e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof StoreOutcomeUnknownException) throw outcomeUnknown(exchange.response());
                    if (t instanceof StoreUnavailableException) throw unavailable(exchange.response());
                }
                throw e;
            }
        });
    }

    /**
     * The connection broke during the commit: the write may be stored. 503 with its own code, so that a client knows
     * to check or to retry with the same Idempotency-Key rather than assume nothing was written.
     */
    static ApiException outcomeUnknown(ServerResponse response) {
        response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return new ApiException(503, "STORE_OUTCOME_UNKNOWN", "the store became unavailable while committing this write;"
                + " it may or may not be stored: retry with the same Idempotency-Key, or check before writing again");
    }

    /** The 503 for a store outage, with its Retry-After set on {@code response}. */
    static ApiException unavailable(ServerResponse response) {
        response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return new ApiException(503, "STORE_UNAVAILABLE", "the store is unavailable; nothing was written or read, retry later");
    }
}
