package dev.lodestone.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.store.Store;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

import java.time.Duration;
import java.util.Optional;

/**
 * Finds the caller from {@code Authorization: Bearer <key>} (also lower-case {@code bearer} or the bare key) or
 * {@code X-API-Key}. The admin key is {@code API_KEY}; tenant keys are looked up by hash. Without an admin key
 * (allowed on loopback only, see the server config), requests without a key — or with a key that is not a tenant
 * key — are served as anonymous.
 */
public final class Authenticator {
    private static final HeaderName API_KEY_HEADER = HeaderNames.create("X-API-Key");

    private final String adminKey;
    private final Store store;
    /** Short-lived so that another node's revocation takes effect quickly; local revocations invalidate at once. */
    private final Cache<String, Optional<ApiKey>> keysByHash = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    public Authenticator(String adminKey, Store store) {
        this.adminKey = adminKey == null || adminKey.isEmpty() ? null : adminKey;
        this.store = store;
    }

    public boolean open() {
        return adminKey == null;
    }

    public Principal authenticate(Exchange exchange, Access access) {
        if (access == Access.PUBLIC) return Principal.ANONYMOUS;
        String key = presentedKey(exchange);
        Principal principal;
        if (key == null) {
            if (adminKey != null) throw unauthorized("missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
            principal = Principal.ANONYMOUS;
        } else if (adminKey != null && KeyHasher.constantTimeEquals(key, adminKey)) {
            principal = Principal.ADMIN;
        } else {
            String hash = KeyHasher.hash(key);
            var found = keysByHash.get(hash, store::apiKeyByHash);
            if (found.isEmpty()) {
                // Old clients always send a key: a server without API_KEY serves anyone on loopback anyway, so an
                // unknown key is no reason to refuse (a known tenant key still confines the caller to its tenant).
                if (adminKey == null) return confirmAccess(Principal.ANONYMOUS, access);
                throw unauthorized("invalid API key");
            }
            principal = new Principal(Principal.Kind.TENANT, found.get().tenantId(), found.get().keyId());
        }
        return confirmAccess(principal, access);
    }

    private static Principal confirmAccess(Principal principal, Access access) {
        if (access == Access.ADMIN && !principal.isAdmin()) {
            throw new ApiException(403, "FORBIDDEN", "this operation needs the admin key");
        }
        return principal;
    }

    /** Forget a revoked key on this node at once. */
    public void revoked(String secretHash) {
        keysByHash.invalidate(secretHash);
    }

    public void invalidateAll() {
        keysByHash.invalidateAll();
    }

    private static String presentedKey(Exchange exchange) {
        var auth = exchange.header(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String v = auth.get().trim();
            if (v.regionMatches(true, 0, "Bearer ", 0, 7)) v = v.substring(7).trim();
            if (!v.isEmpty()) return v;
        }
        var header = exchange.header(API_KEY_HEADER);
        if (header.isPresent() && !header.get().isBlank()) return header.get().trim();
        return null;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }
}
