package dev.lodestone.server;

import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link StartupFailureTest}: installs the node's fatal-error handling, then lets a background task of
 * the node's executors throw an OutOfMemoryError (kept in a future by the executor, which must not swallow it).
 * Sleeps long enough for the test to notice if the process does not stop.
 */
final class FatalErrorProbe {
    private FatalErrorProbe() {
    }

    public static void main(String[] args) throws Exception {
        FatalErrors.install();
        var executors = new BackgroundExecutors();
        executors.maintenance().schedule((Runnable) () -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        }, 10, TimeUnit.MILLISECONDS);
        Thread.sleep(60_000);
        System.exit(0);
    }
}
