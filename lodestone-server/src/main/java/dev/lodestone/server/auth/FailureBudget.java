package dev.lodestone.server.auth;

/**
 * How many failed or unknown-key authentications one client address may cause: each one spends a token, and once
 * they are spent the address gets 429 instead of 401 (and no store lookup) until tokens refill. A known valid key
 * is never charged, so a client that authenticates keeps working even behind an address that others abuse.
 */
public interface FailureBudget {
    FailureBudget UNLIMITED = address -> 0;

    /** Spends one token of {@code address}; returns 0 when one was left, else the seconds until the next. */
    long spend(String address);
}
