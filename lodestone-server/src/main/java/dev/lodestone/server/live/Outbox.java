package dev.lodestone.server.live;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What is waiting to be sent on one socket, sent by one thread of its own so that a slow client never holds up the
 * pushes to others. Only the newest message per product is kept (an older count is not worth sending), so the outbox
 * holds at most one message per subscription plus a few replies; a client that lets more pile up, or that does not
 * take a message within the send timeout, is a slow consumer and is dropped.
 */
final class Outbox {
    private final Consumer<String> send;
    private final int capacity;
    private final LongSupplier clock;
    private final Runnable cut;
    private final LinkedHashMap<String, String> pending = new LinkedHashMap<>();
    private long replies;
    private boolean closed;
    /** When the send in progress began (clock millis); 0 when none is. */
    private volatile long sendingSince;
    private Thread sender;

    /**
     * @param send     sends one message, blocking while the client does not take it
     * @param capacity most messages waiting at once
     * @param cut      run once when the client is dropped (slow consumer or send error): cuts the connection, which
     *                 also ends a send stuck in {@code send}
     */
    Outbox(Consumer<String> send, int capacity, LongSupplier clock, Runnable cut) {
        this.send = send;
        this.capacity = capacity;
        this.clock = clock;
        this.cut = cut;
    }

    void start() {
        sender = Thread.ofVirtual().name("lodestone-live-send").start(this::run);
    }

    /** Replaces any waiting message for the same product. */
    void push(String productId, String message) {
        offer("p:" + productId, message);
    }

    /** A reply to the client (error, acknowledgement); never replaced. */
    void reply(String message) {
        String key;
        synchronized (this) {
            key = "r:" + replies++;
        }
        offer(key, message);
    }

    private void offer(String key, String message) {
        synchronized (this) {
            if (closed) return;
            if (pending.size() < capacity || pending.containsKey(key)) {
                pending.put(key, message);
                notifyAll();
                return;
            }
        }
        drop();
    }

    /** True when a send has been stuck longer than {@code timeoutMillis}: the caller drops the socket. */
    boolean stalled(long nowMillis, long timeoutMillis) {
        long since = sendingSince;
        return since != 0 && nowMillis - since >= timeoutMillis;
    }

    /** Drops a slow consumer: the connection is cut (which also unblocks a stuck send). */
    void drop() {
        if (close()) cut.run();
    }

    /** Stops sending; answers whether this call closed it. */
    boolean close() {
        synchronized (this) {
            if (closed) return false;
            closed = true;
            pending.clear();
            notifyAll();
        }
        return true;
    }

    synchronized int waiting() {
        return pending.size();
    }

    private void run() {
        while (true) {
            String message;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                Iterator<Map.Entry<String, String>> it = pending.entrySet().iterator();
                message = it.next().getValue();
                it.remove();
            }
            sendingSince = Math.max(1, clock.getAsLong());
            try {
                send.accept(message);
            } catch (RuntimeException e) {
                drop();
                return;
            } finally {
                sendingSince = 0;
            }
        }
    }
}
