package dev.lodestone.bench.load;

import java.time.Duration;

/**
 * How to drive the target.
 *
 * @param threads event-loop threads sharing the connections (fewer when there are fewer connections)
 * @param rate    requests per second over all connections for an open loop; 0 for a closed loop (each connection
 *                sends its next request as soon as the previous one is answered)
 */
record LoadPlan(int connections, int threads, Duration warmup, Duration duration, double rate, Duration timeout, long seed) {
    LoadPlan {
        if (connections < 1) throw new IllegalArgumentException("connections must be at least 1");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive");
        if (rate < 0) throw new IllegalArgumentException("rate must not be negative");
    }

    boolean openLoop() {
        return rate > 0;
    }

    /** Threads that get at least one connection. */
    int loops() {
        return Math.min(threads, connections);
    }
}
