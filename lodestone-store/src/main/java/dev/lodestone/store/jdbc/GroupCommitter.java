package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Group commit: write operations from many threads are queued, and one committing thread runs everything queued
 * when it wakes (up to {@code maxBatch} operations) in one transaction, so the cost of a durable commit (an fsync)
 * is shared by all of them. A caller blocks until the transaction holding its operation has committed.
 *
 * <p>If a batch's transaction fails, its operations are retried one per transaction, so one bad operation fails
 * only its own caller. Operations must therefore be repeatable: they must not change state outside the
 * connection before the commit.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    public static final int DEFAULT_MAX_BATCH = 512;

    /** Where the committing thread gets the connection of one transaction. */
    public interface ConnectionSource {
        Connection acquire() throws SQLException;

        void release(Connection connection) throws SQLException;

        /** Always the same connection, left open (e.g. SQLite's only writer). */
        static ConnectionSource single(Connection connection) {
            return new ConnectionSource() {
                @Override
                public Connection acquire() {
                    return connection;
                }

                @Override
                public void release(Connection c) {
                    // kept open for the next transaction
                }
            };
        }
    }

    /** Runs first in every transaction (e.g. to take a lock that orders commits across processes). */
    @FunctionalInterface
    public interface TransactionStart {
        void begin(Connection connection) throws SQLException;
    }

    /**
     * Work that operations leave for the end of their transaction (e.g. one multi-row insert for the rows of every
     * operation in it): {@link #flush} runs after the operations and before the commit, and whatever it throws rolls
     * the transaction back; {@link #discard} runs when a transaction rolls back, before anything is flushed.
     */
    public interface Deferred {
        void flush(Connection connection) throws SQLException;

        void discard();
    }

    private static final Deferred NOTHING_DEFERRED = new Deferred() {
        @Override
        public void flush(Connection connection) {
        }

        @Override
        public void discard() {
        }
    };

    private record Pending<T>(String what, SqlWork<T> work, CompletableFuture<T> done) {
        @SuppressWarnings("unchecked")
        void complete(Object result) {
            done.complete((T) result);
        }
    }

    private static final Pending<Void> STOP = new Pending<>("stop", c -> null, new CompletableFuture<>());

    private final ConnectionSource connections;
    private final TransactionStart transactionStart;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    /** Counted down when the committing loop has returned. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;
    private volatile Deferred deferred = NOTHING_DEFERRED;

    /**
     * @param runner runs the committing loop, which holds its thread until {@link #close()} (the node's owner of
     *               background threads passes one; {@code Stores.open(config)} starts a thread of its own)
     */
    public GroupCommitter(Executor runner, ConnectionSource connections, TransactionStart transactionStart, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        this.connections = connections;
        this.transactionStart = transactionStart;
        this.maxBatch = maxBatch;
        runner.execute(() -> {
            try {
                run();
            } finally {
                stopped.countDown();
            }
        });
    }

    /** Sets the deferred work of every transaction; call before the first {@link #submit}. */
    public void deferring(Deferred work) {
        this.deferred = work;
    }

    /**
     * Queues the work and waits until the transaction that ran it has committed.
     *
     * @param what names the operation in error messages, e.g. "append interactions"
     * @return what the work returned
     * @throws StoreException when the work or its commit failed (IllegalArgumentException from the work passes)
     */
    public <T> T submit(String what, SqlWork<T> work) {
        var pending = new Pending<>(what, work, new CompletableFuture<T>());
        closing.readLock().lock();
        try {
            if (closed) throw new StoreException("store is closed");
            queue.add(pending);
        } finally {
            closing.readLock().unlock();
        }
        try {
            return pending.done.get();
        } catch (ExecutionException e) {
            throw Failures.of(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " interrupted while waiting for its commit; it may still commit");
        }
    }

    /** Transactions committed so far. */
    public long transactions() {
        return transactions.get();
    }

    /** Operations committed so far. */
    public long operations() {
        return operations.get();
    }

    /** Operations queued and not yet committed. */
    public int pending() {
        return queue.size();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
            } catch (InterruptedException e) {
                // Only close() stops this thread, through STOP; an interrupt from elsewhere is ignored.
                continue;
            }
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) commit(batch);
            batch.clear();
            if (stop) return;
        }
    }

    private void commit(List<Pending<?>> batch) {
        Object[] results = new Object[batch.size()];
        try {
            inTransaction(c -> {
                for (int i = 0; i < batch.size(); i++) results[i] = batch.get(i).work.apply(c);
            });
        } catch (Throwable batchFailure) {
            if (batch.size() == 1) {
                batch.getFirst().done.completeExceptionally(batchFailure);
                return;
            }
            LOG.debug("group commit of {} operations failed; retrying them one by one", batch.size(), batchFailure);
            batch.forEach(this::commitAlone);
            return;
        }
        transactions.incrementAndGet();
        operations.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) batch.get(i).complete(results[i]);
    }

    private void commitAlone(Pending<?> pending) {
        Object[] result = new Object[1];
        try {
            inTransaction(c -> result[0] = pending.work.apply(c));
        } catch (Throwable failure) {
            pending.done.completeExceptionally(failure);
            return;
        }
        transactions.incrementAndGet();
        operations.incrementAndGet();
        pending.complete(result[0]);
    }

    @FunctionalInterface
    private interface TransactionBody {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(TransactionBody body) throws SQLException {
        Connection c = connections.acquire();
        try {
            if (c.getAutoCommit()) c.setAutoCommit(false);
            transactionStart.begin(c);
            body.run(c);
            deferred.flush(c);
            c.commit();
        } catch (Throwable failure) {
            deferred.discard();
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        } finally {
            connections.release(c);
        }
    }

    /** Commits everything already queued, then stops the committing thread. Later submissions fail. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
