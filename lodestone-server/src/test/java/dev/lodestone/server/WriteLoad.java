package dev.lodestone.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Concurrent writers hammering a server until stopped or until the server goes away (connection refused). */
final class WriteLoad {
    /** One write by {@code writer}, its {@code n}-th; records what was acknowledged. */
    @FunctionalInterface
    interface Step {
        void write(HttpClientForTests http, int writer, int n);
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong writes = new AtomicLong();
    private final Thread[] threads;

    private WriteLoad(int writers, Supplier<HttpClientForTests> clients, Step step) {
        threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads[w] = Thread.ofVirtual().start(() -> {
                var http = clients.get();
                for (int n = 0; !stop.get(); n++) {
                    try {
                        step.write(http, writer, n);
                        writes.incrementAndGet();
                    } catch (AssertionError connectionLost) {
                        return;
                    }
                }
            });
        }
    }

    static WriteLoad start(int writers, Supplier<HttpClientForTests> clients, Step step) {
        return new WriteLoad(writers, clients, step);
    }

    /** Waits until at least {@code count} writes were answered. */
    void awaitWrites(long count) throws InterruptedException {
        while (writes.get() < count) {
            boolean anyAlive = false;
            for (Thread t : threads) anyAlive |= t.isAlive();
            if (!anyAlive) throw new IllegalStateException("every writer stopped after " + writes.get() + " writes");
            Thread.sleep(10);
        }
    }

    /** Stops the writers and waits for them. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) t.join();
    }
}
