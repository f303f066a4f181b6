package dev.lodestone.server.http;

import java.util.Set;

/** A step before the handler (CORS, rate limits). Returning true means the filter answered the request itself. */
public interface RequestFilter {
    /** Before route checks and authentication (e.g. CORS preflight). */
    default boolean before(Exchange exchange, Set<String> allowedMethods) {
        return false;
    }

    /** After authentication, before the handler (e.g. rate limits per key). */
    default boolean authenticated(Exchange exchange) {
        return false;
    }
}
