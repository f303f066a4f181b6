package dev.lodestone.store;

/**
 * The connection to the database broke while a commit was under way: the write may or may not be stored, and there
 * is no asking until the database is back. The one failure after which a write may turn out to be stored; a client
 * retrying with an idempotency key is safe either way.
 */
public class StoreOutcomeUnknownException extends StoreUnavailableException {
    public StoreOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
