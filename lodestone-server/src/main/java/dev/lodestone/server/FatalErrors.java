package dev.lodestone.server;

/**
 * A node that runs out of memory (or hits any other {@link VirtualMachineError}) in any thread stops at once, so a
 * supervisor restarts it: a half-alive process (listener thread dead, port open, SIGTERM ignored) is worse than none.
 * The launcher also passes {@code -XX:+ExitOnOutOfMemoryError}, which covers errors that code catches; this handler
 * covers a JVM started without it and errors other than OutOfMemoryError.
 */
final class FatalErrors {
    /** Exit status of a halt on a fatal error (as the JVM's own ExitOnOutOfMemoryError uses 3). */
    static final int EXIT_STATUS = 3;

    private FatalErrors() {
    }

    static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof VirtualMachineError) halt(thread, error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.println("lodestone: uncaught exception in thread " + thread.getName() + ": " + error);
                error.printStackTrace();
            }
        });
    }

    /** No shutdown hooks, no log flush (they may need memory): one line, written straight to stderr, then halt. */
    static void halt(Thread thread, Throwable error) {
        try {
            System.err.println("lodestone: fatal " + error.getClass().getSimpleName() + " in thread " + thread.getName()
                    + ": " + error.getMessage() + "; exiting");
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
