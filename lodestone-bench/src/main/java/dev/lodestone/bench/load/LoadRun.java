package dev.lodestone.bench.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a workload on {@link LoadPlan#loops()} event-loop threads that share the connections, closed loop or open
 * loop (see {@link EventLoop}), and merges what each thread measured. Results of requests meant to start during the
 * warm-up are dropped.
 */
final class LoadRun {
    private final URI target;
    private final Workload workload;
    private final LoadPlan plan;

    LoadRun(URI target, Workload workload, LoadPlan plan) {
        this.target = target;
        this.workload = workload;
        this.plan = plan;
    }

    LoadResult run() throws InterruptedException {
        var address = new InetSocketAddress(target.getHost(), target.getPort() > 0 ? target.getPort() : 80);
        long start = System.nanoTime();
        long measureFrom = start + plan.warmup().toNanos();
        long end = measureFrom + plan.duration().toNanos();
        List<EventLoop> loops = new ArrayList<>(plan.loops());
        List<Thread> threads = new ArrayList<>(plan.loops());
        var failure = new AtomicReference<Throwable>();
        for (int i = 0; i < plan.loops(); i++) {
            var loop = new EventLoop(i, workload, plan, address, start, measureFrom, end);
            loops.add(loop);
            Thread t = Thread.ofPlatform().name("load-loop-" + i).unstarted(loop);
            t.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new IllegalStateException("a load thread failed", failure.get());
        List<WorkerStats> stats = loops.stream().map(EventLoop::stats).toList();
        long lastCompletion = stats.stream().mapToLong(s -> s.lastCompletionNanos).max().orElse(end);
        double seconds = Math.max(plan.duration().toNanos(), lastCompletion - measureFrom) / 1e9;
        return LoadResult.merge(workload, plan, stats, seconds);
    }
}
