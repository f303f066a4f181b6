package dev.lodestone.server;

import dev.lodestone.store.StoreThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every background thread of a node, created here and nowhere else, with names that say what they do:
 * <ul>
 *   <li>{@code lodestone-engine-N} ({@link #engine()}): model rebuilds, their neighbour-row helpers, content-row
 *       warm-up and any other model work; one thread per core at most;</li>
 *   <li>{@code lodestone-feed} ({@link #feed()}): tailing the change feed;</li>
 *   <li>{@code lodestone-maintenance} ({@link #maintenance()}): periodic clean-up (feed pruning and the like), and
 *       the engine's timers (a look at a tenant once its writes settle, the pause between trainings), which only
 *       hand work to the engine executor;</li>
 *   <li>{@code lodestone-live} ({@link #live()}): the live-activity socket's once-a-second pushes and sweeps (its
 *       own thread: a long clean-up or feed poll must not delay them);</li>
 *   <li>{@code lodestone-http-guard} ({@link #http()}): the connection checks (header, body and idle timeouts);</li>
 *   <li>{@code lodestone-commit-N} ({@link #store()}): the store's group-commit loop, which holds its thread until
 *       the store closes;</li>
 *   <li>{@code lodestone-store-probe} ({@link #store()}): the store's availability probe (the store shuts it down
 *       when it closes).</li>
 * </ul>
 * Creating this starts no thread (pools start them on first use). {@link #stopWork()} stops everything but the
 * committer (running tasks are interrupted, queued ones dropped); {@link #close()} also ends the committer's
 * executor, after the store is closed. An {@link Error} thrown by a task goes to the thread's uncaught-exception
 * handler (which halts the process on a {@link VirtualMachineError}, see {@link FatalErrors}), never swallowed by a
 * future.
 */
public final class BackgroundExecutors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundExecutors.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final int ENGINE_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final ThreadPoolExecutor engine;
    private final ScheduledThreadPoolExecutor feed;
    private final ScheduledThreadPoolExecutor maintenance;
    private final ScheduledThreadPoolExecutor live;
    private final ScheduledThreadPoolExecutor http;
    private final ExecutorService commit;
    private final ScheduledThreadPoolExecutor probe;

    public BackgroundExecutors() {
        this.engine = new Reporting(ENGINE_THREADS, named("lodestone-engine-", true));
        engine.allowCoreThreadTimeOut(true);
        this.feed = scheduler(named("lodestone-feed", false));
        this.maintenance = scheduler(named("lodestone-maintenance", false));
        this.live = scheduler(named("lodestone-live", false));
        this.http = scheduler(named("lodestone-http-guard", false));
        this.commit = java.util.concurrent.Executors.newThreadPerTaskExecutor(named("lodestone-commit-", true));
        this.probe = scheduler(named("lodestone-store-probe", false));
    }

    /** Model work: rebuilds, their helpers, warm-up. Bounded to one thread per core; tasks queue beyond that. */
    public Executor engine() {
        return engine;
    }

    /** The change-feed tailer's polls. */
    public ScheduledExecutorService feed() {
        return feed;
    }

    /** Periodic clean-up jobs and the engine's timers. */
    public ScheduledExecutorService maintenance() {
        return maintenance;
    }

    /** Live-activity pushes. */
    public ScheduledExecutorService live() {
        return live;
    }

    /** The web server's connection checks: short and frequent, never behind a long clean-up job. */
    public ScheduledExecutorService http() {
        return http;
    }

    /** Where the store runs its group-commit loop and its availability probe. */
    public StoreThreads store() {
        return new StoreThreads(commit, probe);
    }

    /** Stops model work, feed tailing, maintenance and live pushes: running tasks are interrupted, queued ones dropped. */
    public void stopWork() {
        for (ExecutorService pool : List.of(engine, feed, maintenance, http, live)) pool.shutdownNow();
        for (ExecutorService pool : List.of(engine, feed, maintenance, http, live)) await(pool);
    }

    /** {@link #stopWork()}, then the committer's executor; call after the store is closed. Idempotent. */
    @Override
    public void close() {
        stopWork();
        probe.shutdownNow();
        commit.shutdown();
        await(probe);
        await(commit);
    }

    /** True once every thread has ended (for tests: nothing keeps running after close). */
    public boolean terminated() {
        return engine.isTerminated() && feed.isTerminated() && maintenance.isTerminated() && http.isTerminated() && live.isTerminated() && commit.isTerminated()
                && probe.isTerminated();
    }

    private static void await(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("background work still running {} s after stop was asked", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ScheduledThreadPoolExecutor scheduler(ThreadFactory threads) {
        var pool = new ReportingScheduler(threads);
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return pool;
    }

    private static ThreadFactory named(String name, boolean numbered) {
        var builder = Thread.ofPlatform().daemon(true);
        return (numbered ? builder.name(name, 1) : builder.name(name)).factory();
    }

    /**
     * A task given to {@code submit} or {@code schedule} keeps what it throws in its future; an Error there must not
     * vanish (an OutOfMemoryError in a background task has to stop the process), so it goes to the uncaught handler.
     */
    private static void reportFromFuture(Runnable task, Throwable thrown) {
        if (thrown != null || !(task instanceof Future<?> future) || !future.isDone() || future.isCancelled()) return;
        try {
            future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                Thread self = Thread.currentThread();
                self.getUncaughtExceptionHandler().uncaughtException(self, cause);
            } else {
                log.error("background task failed", cause);
            }
        } catch (InterruptedException | CancellationException ignored) {
            // cancelled on stop: nothing to report
        }
    }

    private static final class Reporting extends ThreadPoolExecutor {
        Reporting(int threads, ThreadFactory factory) {
            super(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            reportFromFuture(task, thrown);
        }
    }

    private static final class ReportingScheduler extends ScheduledThreadPoolExecutor {
        ReportingScheduler(ThreadFactory factory) {
            super(1, factory);
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            reportFromFuture(task, thrown);
        }
    }
}
