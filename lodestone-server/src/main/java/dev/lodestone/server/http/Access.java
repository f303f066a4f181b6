package dev.lodestone.server.http;

/** Who may call a route. */
public enum Access {
    /** No key needed (health, readiness, metrics). */
    PUBLIC,
    /** Any valid key; tenant keys are confined to their tenant. */
    TENANT,
    /** Admin key (API_KEY) only. */
    ADMIN
}
