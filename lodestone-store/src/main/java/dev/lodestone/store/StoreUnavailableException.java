package dev.lodestone.store;

/**
 * The store cannot be reached (database down, connection lost, write queue full) and the operation was not carried
 * out: callers may retry later. A write that fails with this exception was rolled back or never started — it will
 * not be committed afterwards.
 */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
