package dev.lodestone.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant-scoped API key as stored: only the hash of the secret is kept.
 *
 * @param kind           a secret key (server side, the whole tenant API) or a publishable one (shoppers' browsers:
 *                       storefront reads and browser interactions only)
 * @param allowedOrigins browser origins a publishable key may be used from (empty for secret keys)
 */
public record ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt, Kind kind,
                     List<String> allowedOrigins) {
    public enum Kind {
        SECRET, PUBLISHABLE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ApiKey {
        kind = kind == null ? Kind.SECRET : kind;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** A secret key. */
    public ApiKey(String keyId, String tenantId, String name, String secretHash, Instant createdAt) {
        this(keyId, tenantId, name, secretHash, createdAt, Kind.SECRET, List.of());
    }

    public boolean publishable() {
        return kind == Kind.PUBLISHABLE;
    }
}
