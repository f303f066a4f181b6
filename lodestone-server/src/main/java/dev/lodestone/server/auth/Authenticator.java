package dev.lodestone.server.auth;

import dev.lodestone.server.http.Authentication;
import dev.lodestone.server.http.Principal;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.store.Store;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

import java.util.function.Consumer;
import java.util.function.Supplier;


/**
 * Finds the caller from {@code Authorization: Bearer <key>} (also lower-case {@code bearer} or the bare key) or
 * {@code X-API-Key}. The admin key is {@code API_KEY}; tenant keys are found by hash in {@link KnownKeys}, in
 * memory, so authentication keeps working while the store is down: a known key is accepted, a key known to be
 * invalid is 401, and only a key this node has never seen is 503 then (it may have been created on another node).
 * Without an admin key (allowed on loopback only, see the server config), requests without a key — or with a key
 * that is not a tenant key — are served as anonymous.
 */
public final class Authenticator implements Authentication {
    private static final HeaderName API_KEY_HEADER = HeaderNames.create("X-API-Key");

    private final String adminKey;
    private final KnownKeys keys;
    private final FailureBudget failures;

    public Authenticator(String adminKey, Store store) {
        this(adminKey, store, FailureBudget.UNLIMITED);
    }

    /** @param failures what each client address may spend on missing, invalid or unknown keys */
    public Authenticator(String adminKey, Store store, FailureBudget failures) {
        this.adminKey = adminKey == null || adminKey.isEmpty() ? null : adminKey;
        this.keys = new KnownKeys(store);
        this.failures = failures;
    }

    /** Loads every tenant key from the store; call once at start-up, before serving. */
    public void loadKeys() {
        keys.load();
    }

    /** The tenant keys held in memory. */
    public KnownKeys keys() {
        return keys;
    }

    public boolean open() {
        return adminKey == null;
    }

    @Override
    public Principal authenticate(Exchange exchange, Access access) {
        if (access == Access.PUBLIC) return Principal.ANONYMOUS;
        Principal principal = principalOf(presentedKey(exchange), exchange::clientAddress,
                seconds -> exchange.response().header(HeaderNames.RETRY_AFTER, seconds));
        if (principal.publishable()) confirmPublishable(exchange, principal, access);
        return confirmAccess(principal, access);
    }

    /**
     * The caller a presented key (null when none was sent) stands for. With an admin key configured, a missing key
     * and any key this node does not hold as valid spend a token of the client address's failure budget first (429
     * once it is spent, before any store lookup); then an unknown key is 401, and a key that cannot be checked 503.
     * Also used outside HTTP routing (the live-activity socket's handshake).
     *
     * @param clientAddress asked only when a token is spent
     * @param retryAfter    told the seconds to wait when the answer is 429 or 503
     */
    public Principal principalOf(String key, Supplier<String> clientAddress, Consumer<String> retryAfter) {
        if (key == null) {
            if (adminKey != null) {
                failedAttempt(clientAddress, retryAfter);
                throw unauthorized("missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
            }
            return Principal.ANONYMOUS;
        }
        if (adminKey != null && KeyHasher.constantTimeEquals(key, adminKey)) return Principal.ADMIN;
        String hash = KeyHasher.hash(key);
        // Only a key this node does not hold as valid costs the address a token (it may mean a store lookup).
        if (adminKey != null && !keys.knownValid(hash)) failedAttempt(clientAddress, retryAfter);
        return switch (keys.find(hash)) {
            case KnownKeys.Lookup.Valid(ApiKey found) -> principal(found);
            // Old clients always send a key: a server without API_KEY serves anyone on loopback anyway, so an
            // unknown key is no reason to refuse (a known tenant key still confines the caller to its tenant).
            case KnownKeys.Lookup.Invalid() when adminKey == null -> Principal.ANONYMOUS;
            case KnownKeys.Lookup.Unknowable() when adminKey == null -> Principal.ANONYMOUS;
            case KnownKeys.Lookup.Invalid() -> throw unauthorized("invalid API key");
            case KnownKeys.Lookup.Unknowable() -> {
                retryAfter.accept("1");
                throw new ApiException(503, "STORE_UNAVAILABLE",
                        "this API key cannot be checked while the store is unavailable; retry later");
            }
        };
    }

    /**
     * A failed authentication that did not go through {@link #principalOf} (the socket admitting a key-less page by
     * its origin, and finding none that allows it): spends a token of the address's failure budget like a bad key.
     *
     * @throws ApiException 429 once the address has spent its budget
     */
    public void failedAttempt(Supplier<String> clientAddress, Consumer<String> retryAfter) {
        if (adminKey == null) return;
        long wait = failures.spend(clientAddress.get());
        if (wait > 0) {
            retryAfter.accept(Long.toString(wait));
            throw new ApiException(429, "RATE_LIMITED", "too many requests with a missing, invalid or unknown API key "
                    + "from this address; retry after " + wait + " s");
        }
    }

    private static Principal principal(ApiKey key) {
        return key.publishable()
                ? new Principal(Principal.Kind.PUBLISHABLE, key.tenantId(), key.keyId(), key.allowedOrigins(), key.allowPurchases())
                : new Principal(Principal.Kind.TENANT, key.tenantId(), key.keyId());
    }

    private static Principal confirmAccess(Principal principal, Access access) {
        if (access == Access.ADMIN && !principal.isAdmin()) {
            throw new ApiException(403, "FORBIDDEN", "this operation needs the admin key");
        }
        return principal;
    }

    /**
     * A publishable key is public (it sits in shop pages): it reaches the storefront routes only, and from a browser
     * only on its allowed origins. A request without {@code Origin} is not a browser's cross-site call; it can
     * reach no more than a browser could.
     */
    private static void confirmPublishable(Exchange exchange, Principal principal, Access access) {
        if (access != Access.STOREFRONT) {
            throw new ApiException(403, "PUBLISHABLE_KEY_SCOPE", "a publishable key may only read storefront "
                    + "recommendations, record browser interactions and open the live-activity socket; use a secret key");
        }
        var origin = exchange.header(HeaderNames.ORIGIN);
        if (origin.isPresent() && !Origins.allowed(principal.allowedOrigins(), origin.get())) {
            throw new ApiException(403, "ORIGIN_NOT_ALLOWED", "origin " + origin.get()
                    + " is not an allowed origin of this publishable key");
        }
    }

    /** A key created on this node: valid here at once. */
    public void added(ApiKey key) {
        keys.added(key);
    }

    /** Forget a revoked key on this node at once. */
    public void revoked(String secretHash) {
        keys.revoked(secretHash);
    }

    /** Some key of the tenant changed on another node (change feed). */
    public void tenantKeysChanged(String tenantId) {
        keys.tenantKeysChanged(tenantId);
    }

    /** The tenant was deleted (here or on another node): its keys are invalid. */
    public void tenantDeleted(String tenantId) {
        keys.tenantDeleted(tenantId);
    }

    private static String presentedKey(Exchange exchange) {
        var auth = exchange.header(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String v = auth.get().trim();
            if (v.regionMatches(true, 0, "Bearer ", 0, 7)) v = v.substring(7).trim();
            // the storefront widget without a configured key sends "Bearer undefined": that is no key, not a wrong one
            if (!v.isEmpty() && !v.equals("undefined") && !v.equals("null")) return v;
        }
        var header = exchange.header(API_KEY_HEADER);
        if (header.isPresent() && !header.get().isBlank()) return header.get().trim();
        return null;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }
}
