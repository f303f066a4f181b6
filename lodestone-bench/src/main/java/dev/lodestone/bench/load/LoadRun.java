package dev.lodestone.bench.load;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a workload with one virtual thread per connection, closed loop or open loop. In the open loop every
 * connection has its own schedule (rate / connections, staggered), and latency is measured from the time a request
 * was meant to be sent, so a stalled server cannot hide its stall by delaying our sends (coordinated omission, as
 * in wrk2). Results of requests meant to start during the warm-up are dropped.
 */
final class LoadRun {
    private static final long ERROR_BACKOFF_NANOS = 10_000_000L;

    private final URI target;
    private final Workload workload;
    private final LoadPlan plan;

    LoadRun(URI target, Workload workload, LoadPlan plan) {
        this.target = target;
        this.workload = workload;
        this.plan = plan;
    }

    LoadResult run() throws InterruptedException {
        int operations = workload.operationNames().length;
        long start = System.nanoTime();
        long measureFrom = start + plan.warmup().toNanos();
        long end = measureFrom + plan.duration().toNanos();
        List<WorkerStats> stats = new ArrayList<>(plan.connections());
        List<Thread> threads = new ArrayList<>(plan.connections());
        for (int c = 0; c < plan.connections(); c++) {
            var s = new WorkerStats(operations);
            stats.add(s);
            int connection = c;
            threads.add(Thread.ofVirtual().name("load-", c).start(() -> work(connection, s, start, measureFrom, end)));
        }
        for (Thread t : threads) t.join();
        long lastCompletion = stats.stream().mapToLong(s -> s.lastCompletionNanos).max().orElse(end);
        double seconds = Math.max(plan.duration().toNanos(), lastCompletion - measureFrom) / 1e9;
        return LoadResult.merge(workload, plan, stats, seconds);
    }

    private void work(int connection, WorkerStats stats, long start, long measureFrom, long end) {
        var random = new SplittableRandom(plan.seed() * 1_000_003L + connection);
        byte[][] request = new byte[1][];
        int port = target.getPort() > 0 ? target.getPort() : 80;
        try (var http = new HttpConnection(target.getHost(), port, (int) plan.timeout().toMillis())) {
            long interval = plan.openLoop() ? (long) (1e9 * plan.connections() / plan.rate()) : 0;
            long intended = start + (plan.openLoop() ? interval * connection / plan.connections() : 0);
            while (true) {
                long now = System.nanoTime();
                if (plan.openLoop()) {
                    if (intended >= end) break;
                    if (intended > now) {
                        LockSupport.parkNanos(intended - now);
                        now = System.nanoTime();
                    }
                } else {
                    if (now >= end) break;
                    intended = now;
                }
                int operation = workload.next(random, request);
                int status;
                try {
                    status = http.exchange(request[0]);
                } catch (IOException | RuntimeException e) {
                    status = WorkerStats.IO_ERROR;
                }
                long done = System.nanoTime();
                if (intended >= measureFrom) {
                    stats.record(operation, status, intended, now, done, workload.itemsPerRequest(operation));
                    stats.lastCompletionNanos = done;
                }
                if (status == WorkerStats.IO_ERROR && !plan.openLoop()) LockSupport.parkNanos(ERROR_BACKOFF_NANOS);
                if (plan.openLoop()) intended += interval;
            }
        }
    }
}
