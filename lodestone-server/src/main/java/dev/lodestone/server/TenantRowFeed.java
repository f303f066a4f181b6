package dev.lodestone.server;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * One tenant's stored entities, then its interactions, read on a thread of their own in batches: decoding rows (the
 * driver's text columns, JSON) overlaps with building the model on the loading thread, which stays the model's only
 * writer. A few batches are read ahead at most, so memory stays bounded.
 */
final class TenantRowFeed implements AutoCloseable {
    static final int BATCH = 4_096;
    private static final int BATCHES_AHEAD = 4;

    /** What the loading thread takes, in store order: entity batches, interaction batches, then the end. */
    sealed interface Batch {
    }

    record Entities(List<Entity> rows) implements Batch {
    }

    record Interactions(List<Interaction> rows) implements Batch {
    }

    record End() implements Batch {
    }

    private record Failed(Throwable cause) implements Batch {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;

    TenantRowFeed(Store store, String tenantId) {
        reader = Thread.ofPlatform().name("lodestone-load-" + tenantId).daemon()
                .unstarted(() -> read(store, tenantId));
        reader.start();
    }

    /** The next batch; blocks while the reader is behind. A failure of the reader is thrown here. */
    Batch next() {
        Batch batch;
        try {
            batch = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("model load interrupted");
        }
        if (batch instanceof Failed(Throwable cause)) {
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException(cause);
        }
        return batch;
    }

    /** Stops the reader (when the load ends early); it leaves its store read at its next row. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }

    private void read(Store store, String tenantId) {
        try {
            List<Entity> entities = new ArrayList<>(BATCH);
            store.forEachEntity(tenantId, null, null, e -> {
                entities.add(e);
                if (entities.size() == BATCH) put(new Entities(drain(entities)));
            });
            put(new Entities(drain(entities)));
            List<Interaction> interactions = new ArrayList<>(BATCH);
            store.forEachInteraction(tenantId, null, null, i -> {
                // The model hashes these keys; a String keeps its hash, so they are hashed here, off its thread.
                i.userId().hashCode();
                i.entityId().hashCode();
                interactions.add(i);
                if (interactions.size() == BATCH) put(new Interactions(drain(interactions)));
            });
            put(new Interactions(drain(interactions)));
            put(new End());
        } catch (Throwable t) {
            if (closed) return;
            try {
                queue.put(new Failed(t));
            } catch (InterruptedException stopped) {
                // closed meanwhile: nobody waits for the failure
            }
        }
    }

    private static <T> List<T> drain(List<T> rows) {
        List<T> batch = List.copyOf(rows);
        rows.clear();
        return batch;
    }

    private void put(Batch batch) {
        if (closed) throw new CancellationException("model load stopped");
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            throw new CancellationException("model load stopped");
        }
    }
}
