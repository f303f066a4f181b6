package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;
import dev.lodestone.store.StoreOutcomeUnknownException;
import dev.lodestone.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Group commit: write operations from many threads are queued, and one committing thread runs everything queued
 * when it wakes (up to {@code maxBatch} operations) in one transaction, so the cost of a durable commit (an fsync)
 * is shared by all of them. A caller blocks until the transaction holding its operation has committed.
 *
 * <p>Failing fast, and never committing what was answered with an error: the queue is bounded (a full queue
 * refuses at once); while {@link StoreAvailability} says the database is down, submissions are refused at once; and
 * a caller whose operation has not been taken into a transaction within {@code startTimeout} while the database is
 * down withdraws it — the committing thread skips withdrawn operations, so they never run. Once an operation is in a transaction its caller
 * waits for that transaction's outcome.
 *
 * <p>If a batch's transaction fails for a reason other than the database being unreachable, its operations are
 * retried one per transaction, so one bad operation fails only its own caller. Operations must therefore be
 * repeatable: they must not change state outside the connection before the commit. A batch that failed because the
 * database is unreachable is not retried: every caller in it gets {@link StoreUnavailableException}.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    public static final int DEFAULT_MAX_BATCH = 512;
    public static final int DEFAULT_MAX_QUEUED = 10_000;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMillis(800);
    /** A queued operation is withdrawn after this long even while the database is said to be up. */
    static final Duration MAX_QUEUED_WAIT = Duration.ofSeconds(30);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(50);

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

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    private static final class Pending<T> {
        final String what;
        final SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        /** QUEUED until either the committing thread takes it or its caller withdraws it: exactly one wins. */
        final AtomicInteger state = new AtomicInteger(QUEUED);

        Pending(String what, SqlWork<T> work) {
            this.what = what;
            this.work = work;
        }

        boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }

        boolean withdraw() {
            return state.compareAndSet(QUEUED, WITHDRAWN);
        }

        @SuppressWarnings("unchecked")
        void complete(Object result) {
            done.complete((T) result);
        }
    }

    private static final Pending<Void> STOP = new Pending<>("stop", c -> null);

    private final ConnectionSource connections;
    private final TransactionStart transactionStart;
    private final int maxBatch;
    private final Duration startTimeout;
    private final StoreAvailability availability;
    private final BlockingQueue<Pending<?>> queue;
    private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** Counted down when the committing loop has returned. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;
    private volatile Deferred deferred = NOTHING_DEFERRED;

    /**
     * @param runner runs the committing loop, which holds its thread until {@link #close()} (the node's owner of
     *               background threads passes one; {@code Stores.open(config)} starts a thread of its own)
     */
    public GroupCommitter(Executor runner, ConnectionSource connections, TransactionStart transactionStart, int maxBatch) {
        this(runner, connections, transactionStart, maxBatch, DEFAULT_MAX_QUEUED, DEFAULT_START_TIMEOUT,
                StoreAvailability.always());
    }

    /**
     * @param runner       runs the committing loop (see above)
     * @param maxQueued    operations that may wait for a transaction; more are refused at once
     * @param startTimeout how long a caller waits for its operation to be taken into a transaction before it
     *                     withdraws it (and gets {@link StoreUnavailableException}) if the database is down
     * @param availability refuses operations while the database is down; told the outcome of every transaction
     */
    public GroupCommitter(Executor runner, ConnectionSource connections, TransactionStart transactionStart, int maxBatch,
                          int maxQueued, Duration startTimeout, StoreAvailability availability) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        if (maxQueued < 1) throw new IllegalArgumentException("maxQueued must be at least 1");
        if (startTimeout.isNegative() || startTimeout.isZero()) throw new IllegalArgumentException("startTimeout must be positive");
        this.connections = connections;
        this.transactionStart = transactionStart;
        this.maxBatch = maxBatch;
        this.startTimeout = startTimeout;
        this.availability = availability;
        this.queue = new LinkedBlockingQueue<>(maxQueued + 1); // + 1: room for STOP
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
     * @throws StoreUnavailableException when the database is down, the queue is full or the work was not taken into
     *                                   a transaction in time: nothing was written, and nothing will be
     * @throws StoreException            when the work or its commit failed (IllegalArgumentException from the work passes)
     */
    public <T> T submit(String what, SqlWork<T> work) {
        var pending = new Pending<>(what, work);
        closing.readLock().lock();
        try {
            if (closed) throw new StoreException("store is closed");
            if (!availability.available()) {
                refused.incrementAndGet();
                throw new StoreUnavailableException(what + " not attempted: the database is unavailable");
            }
            if (queue.remainingCapacity() <= 1 || !queue.offer(pending)) {
                refused.incrementAndGet();
                throw new StoreUnavailableException(what + " refused: the write queue is full");
            }
        } finally {
            closing.readLock().unlock();
        }
        try {
            return await(pending);
        } catch (ExecutionException e) {
            throw Failures.of(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending.withdraw()) throw new StoreUnavailableException(what + " interrupted before it started; nothing was written");
            throw new StoreException(what + " interrupted while waiting for its commit; it may still commit");
        }
    }

    /**
     * Waits for the outcome. After {@code startTimeout} the caller withdraws its operation if it is still queued and
     * the database is down (or after {@link #MAX_QUEUED_WAIT} whatever the reason): a slow but healthy commit (a
     * large bulk ahead in the queue) only delays the operations behind it.
     */
    private <T> T await(Pending<T> pending) throws ExecutionException, InterruptedException {
        long start = System.nanoTime();
        long wait = startTimeout.toNanos();
        while (true) {
            try {
                return pending.done.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long waited = System.nanoTime() - start;
                boolean giveUp = !availability.available() || waited >= MAX_QUEUED_WAIT.toNanos();
                if (giveUp && pending.withdraw()) {
                    refused.incrementAndGet();
                    throw new StoreUnavailableException(pending.what + " not started within " + waited / 1_000_000
                            + " ms (the database is " + (availability.available() ? "slow" : "unavailable")
                            + "); nothing was written");
                }
                if (pending.state.get() == TAKEN) return pending.done.get(); // its outcome is coming and must be told
                wait = CHECK_INTERVAL.toNanos();
            }
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

    /** Operations refused or withdrawn without running (database down, queue full, not started in time). */
    public long refused() {
        return refused.get();
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
            // Withdrawn operations were answered with an error: they must never run.
            batch.removeIf(p -> !p.take());
            if (!batch.isEmpty()) commit(batch);
            batch.clear();
            if (stop) return;
        }
    }

    private void commit(List<Pending<?>> batch) {
        Throwable failure = transact(batch);
        if (failure == null) return;
        if (batch.size() == 1 || failure instanceof StoreUnavailableException || Outages.isOutage(failure)) {
            for (Pending<?> p : batch) p.done.completeExceptionally(failure);
            return;
        }
        LOG.debug("group commit of {} operations failed; retrying them one by one", batch.size(), failure);
        for (Pending<?> p : batch) {
            Throwable alone = transact(List.of(p));
            if (alone != null) p.done.completeExceptionally(alone);
        }
    }

    /** Runs the operations in one transaction and completes them on commit; returns the failure, else null. */
    private Throwable transact(List<Pending<?>> batch) {
        try {
            availability.permit("write");
        } catch (StoreUnavailableException e) {
            return e;
        }
        long start = System.nanoTime();
        Connection c;
        try {
            c = connections.acquire();
        } catch (Throwable e) {
            availability.failed(System.nanoTime() - start, e);
            return e;
        }
        Object[] results = new Object[batch.size()];
        boolean committing = false;
        try {
            if (c.getAutoCommit()) c.setAutoCommit(false);
            transactionStart.begin(c);
            for (int i = 0; i < batch.size(); i++) results[i] = batch.get(i).work.apply(c);
            deferred.flush(c);
            committing = true;
            c.commit();
        } catch (Throwable failure) {
            deferred.discard();
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            release(c, failure);
            availability.failed(System.nanoTime() - start, failure);
            if (committing && Outages.isOutage(failure) && !Outages.refusedByServer(failure)) {
                // The commit may or may not have reached the database: say so rather than claim it was not written.
                return new StoreOutcomeUnknownException(
                        "the connection failed during the commit; the write may or may not be stored", failure);
            }
            return failure;
        }
        release(c, null);
        availability.succeeded(System.nanoTime() - start);
        transactions.incrementAndGet();
        operations.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) batch.get(i).complete(results[i]);
        return null;
    }

    private void release(Connection c, Throwable failure) {
        try {
            connections.release(c);
        } catch (SQLException e) {
            if (failure != null) failure.addSuppressed(e);
            else LOG.debug("releasing the write connection failed", e);
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
