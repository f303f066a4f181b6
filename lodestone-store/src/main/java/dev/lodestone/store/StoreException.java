package dev.lodestone.store;

/** A store failure; the message is for operators' logs, never for API clients. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
