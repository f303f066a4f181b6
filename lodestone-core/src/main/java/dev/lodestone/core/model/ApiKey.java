package dev.lodestone.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant-scoped API key as stored: only the hash of the secret is kept.
 *
 * @param kind           a secret key (server side, the whole tenant API) or a publishable one (shoppers' browsers:
 *                       storefront reads and browser interactions only)
 * @param allowedOrigins browser origins a publishable key may be used from (empty for secret keys)
 * @param allowPurchases whether a publishable key may also record purchases and orders (an opt-in of the tenant: a
 *                       shopper's browser could otherwise fake sales); always false for secret keys, which may anyway
 */
public record ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt, Kind kind,
                     List<String> allowedOrigins, boolean allowPurchases) {
    public enum Kind {
        SECRET, PUBLISHABLE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ApiKey {
        kind = kind == null ? Kind.SECRET : kind;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowPurchases = allowPurchases && kind == Kind.PUBLISHABLE;
    }

    /** A key whose kind and origins are given, without the purchase opt-in. */
    public ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt, Kind kind,
                  List<String> allowedOrigins) {
        this(keyId, tenantId, name, secretHash, createdAt, kind, allowedOrigins, false);
    }

    /** A secret key. */
    public ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt) {
        this(keyId, tenantId, name, secretHash, createdAt, Kind.SECRET, List.of(), false);
    }

    public boolean publishable() {
        return kind == Kind.PUBLISHABLE;
    }
}
