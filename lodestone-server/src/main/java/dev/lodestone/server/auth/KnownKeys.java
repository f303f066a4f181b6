package dev.lodestone.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreUnavailableException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every tenant key, in memory by hash, so that authenticating needs no store round trip and keeps working while the
 * store is down. Loaded whole at start-up and kept fresh by this node's own key changes and, for other nodes', by the
 * change feed ({@link #tenantKeysChanged}, {@link #tenantDeleted}).
 *
 * <p>A hash that is not known is looked up in the store once (a key created on another node a moment ago, before the
 * feed told us), and a miss is remembered for a while so that a repeated invalid key costs no round trip either.
 */
public final class KnownKeys {
    /** What a presented key turned out to be. */
    public sealed interface Lookup {
        record Valid(ApiKey key) implements Lookup {
        }

        record Invalid() implements Lookup {
        }

        /** Not known here and the store cannot be asked. */
        record Unknowable() implements Lookup {
        }
    }

    private static final Lookup INVALID = new Lookup.Invalid();
    private static final Lookup UNKNOWABLE = new Lookup.Unknowable();

    private final Store store;
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    /** Hashes the store had no key for (or that were revoked): bounded, and forgotten after a while. */
    private final Cache<String, Boolean> invalid = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    /** Moves on every removal, so that a store lookup that raced with a revocation does not bring the key back. */
    private final AtomicLong removals = new AtomicLong();

    public KnownKeys(Store store) {
        this.store = store;
    }

    /** Loads every key of the store (start-up). */
    public void load() {
        List<ApiKey> all = store.allApiKeys();
        removals.incrementAndGet();
        byHash.clear();
        for (ApiKey key : all) byHash.put(key.secretHash(), key);
    }

    public int size() {
        return byHash.size();
    }

    /** Whether this hash is a valid key held in memory (no store lookup). */
    public boolean knownValid(String hash) {
        return byHash.containsKey(hash);
    }

    public Lookup find(String hash) {
        ApiKey known = byHash.get(hash);
        if (known != null) return new Lookup.Valid(known);
        if (invalid.getIfPresent(hash) != null) return INVALID;
        if (!store.available()) return UNKNOWABLE;
        long before = removals.get();
        Optional<ApiKey> stored;
        try {
            stored = store.apiKeyByHash(hash);
        } catch (StoreUnavailableException e) {
            return UNKNOWABLE;
        }
        if (stored.isEmpty()) {
            invalid.put(hash, Boolean.TRUE);
            return INVALID;
        }
        if (removals.get() == before) byHash.put(hash, stored.get());
        return new Lookup.Valid(stored.get());
    }

    /** Whether some publishable key (of any tenant) may be used from this browser origin (CORS preflights). */
    public boolean publishableOrigin(String origin) {
        for (ApiKey key : byHash.values()) {
            if (key.publishable() && Origins.allowed(key.allowedOrigins(), origin)) return true;
        }
        return false;
    }

    /** The tenants with a publishable key allowing this origin, sorted. */
    public List<String> tenantsAllowingOrigin(String origin) {
        var tenants = new java.util.TreeSet<String>();
        for (ApiKey key : byHash.values()) {
            if (key.publishable() && Origins.allowed(key.allowedOrigins(), origin)) tenants.add(key.tenantId());
        }
        return List.copyOf(tenants);
    }

    /** A key created on this node. */
    public void added(ApiKey key) {
        byHash.put(key.secretHash(), key);
        invalid.invalidate(key.secretHash());
    }

    /** A key revoked on this node. */
    public void revoked(String hash) {
        removals.incrementAndGet();
        byHash.remove(hash);
        invalid.put(hash, Boolean.TRUE);
    }

    /** Some key of the tenant was created or revoked (possibly on another node): its keys are read again. */
    public void tenantKeysChanged(String tenantId) {
        List<ApiKey> current = store.apiKeys(tenantId);
        Set<String> hashes = new HashSet<>();
        for (ApiKey key : current) hashes.add(key.secretHash());
        removals.incrementAndGet();
        byHash.entrySet().removeIf(e -> {
            boolean gone = e.getValue().tenantId().equals(tenantId) && !hashes.contains(e.getKey());
            if (gone) invalid.put(e.getKey(), Boolean.TRUE);
            return gone;
        });
        for (ApiKey key : current) added(key);
    }

    /** The tenant is gone, and its keys with it. */
    public void tenantDeleted(String tenantId) {
        removals.incrementAndGet();
        byHash.entrySet().removeIf(e -> {
            boolean gone = e.getValue().tenantId().equals(tenantId);
            if (gone) invalid.put(e.getKey(), Boolean.TRUE);
            return gone;
        });
    }
}
