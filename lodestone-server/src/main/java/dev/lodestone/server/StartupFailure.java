package dev.lodestone.server;

/** The one line an operator reads when the node cannot start: the innermost useful message, never a stack trace. */
final class StartupFailure {
    private StartupFailure() {
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        // Wrappers without their own words say only their cause's class and message: use the cause's.
        Throwable cause = failure;
        while ((message == null || message.isBlank()) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            message = cause.getMessage();
        }
        if (message == null || message.isBlank()) message = cause.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ").strip();
    }
}
