package dev.lodestone.core.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs its tasks one at a time, in order, on another executor: learned-model trainings of all tenants share one of
 * the background threads at a time, so training never takes more than one core. Tasks report their own failures.
 */
final class SerialExecutor implements Executor {
    private final Executor target;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) return;
            running = true;
        }
        try {
            target.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                queue.remove(task);
                running = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // a task reports its own failures; the ones queued behind it still run
            }
        }
    }
}
