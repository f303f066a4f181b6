package dev.lodestone.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM/SIGINT: /ready turns 503 at once; requests are still served for the grace period (so load balancers
 * notice); then the listener stops accepting and in-flight requests drain within the timeout; the store closes
 * last, after every acknowledged write is committed. Signals are handled directly (not by a shutdown hook) so the
 * process can exit 0.
 */
final class GracefulShutdown {
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final Node server;
    private final Duration grace;
    private final Duration timeout;
    private final CountDownLatch stopped;
    private final AtomicBoolean started = new AtomicBoolean();

    GracefulShutdown(Node server, Duration grace, Duration timeout, CountDownLatch stopped) {
        this.server = server;
        this.grace = grace;
        this.timeout = timeout;
        this.stopped = stopped;
    }

    void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("lodestone-shutdown").start(() -> run(signal.getName())));
        }
    }

    void run(String reason) {
        if (!started.compareAndSet(false, true)) return;
        log.info("SIG{} received: not ready; serving for {} s more, then draining (at most {} s)", reason,
                grace.toSeconds(), timeout.toSeconds());
        server.beginShutdown();
        try {
            Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        log.info("shutdown complete");
        stopped.countDown();
    }
}
