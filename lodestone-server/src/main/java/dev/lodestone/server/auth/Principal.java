package dev.lodestone.server.auth;

/**
 * Who is calling.
 *
 * @param tenantId the key's tenant for a tenant key; null for admin and open access
 * @param keyId    the tenant key's id, "admin" for the admin key, "anonymous" in open (loopback, keyless) mode
 */
public record Principal(Kind kind, String tenantId, String keyId) {
    public enum Kind { ADMIN, TENANT, ANONYMOUS }

    public static final Principal ANONYMOUS = new Principal(Kind.ANONYMOUS, null, "anonymous");
    public static final Principal ADMIN = new Principal(Kind.ADMIN, null, "admin");

    public boolean isAdmin() {
        return kind != Kind.TENANT;
    }
}
