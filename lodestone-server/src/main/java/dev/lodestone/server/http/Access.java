package dev.lodestone.server.http;

/** Who may call a route. */
public enum Access {
    /** No key needed (health, readiness, metrics). */
    PUBLIC,
    /** Any valid key; tenant keys are confined to their tenant. */
    TENANT,
    /**
     * Like {@link #TENANT}, and also open to publishable keys (shoppers' browsers): the storefront reads, browser
     * interactions and the live-activity socket. Nothing else accepts a publishable key.
     */
    STOREFRONT,
    /** Admin key (API_KEY) only. */
    ADMIN
}
