package dev.lodestone.server.http;

import java.util.List;

/**
 * Who is calling.
 *
 * @param tenantId       the key's tenant for a tenant key (secret or publishable); null for admin and open access
 * @param keyId          the tenant key's id, "admin" for the admin key, "anonymous" in open (loopback, keyless) mode
 * @param allowedOrigins the browser origins of a publishable key; empty otherwise
 * @param allowPurchases a publishable key the tenant allowed to record purchases and orders (opt-in); false otherwise
 */
public record Principal(Kind kind, String tenantId, String keyId, List<String> allowedOrigins, boolean allowPurchases) {
    /** TENANT is a secret tenant key; PUBLISHABLE a tenant's publishable (browser) key. */
    public enum Kind { ADMIN, TENANT, PUBLISHABLE, ANONYMOUS }

    public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, "anonymous");
    public static final Principal ADMIN = new Principal(Kind.ADMIN, null, "admin");

    public Principal {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public Principal(Kind kind, String tenantId, String keyId) {
        this(kind, tenantId, keyId, List.of(), false);
    }

    /** A caller with browser origins (a publishable key) that may not record purchases. */
    public Principal(Kind kind, String tenantId, String keyId, List<String> allowedOrigins) {
        this(kind, tenantId, keyId, allowedOrigins, false);
    }

    /** The admin key, or open mode (no API_KEY, loopback): may do anything. */
    public boolean isAdmin() {
        return kind == Kind.ADMIN || kind == Kind.ANONYMOUS;
    }

    public boolean publishable() {
        return kind == Kind.PUBLISHABLE;
    }
}
