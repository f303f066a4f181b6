package dev.lodestone.bench.load;

import org.HdrHistogram.Histogram;

/** What one event-loop thread measured; merged after the run, so recording needs no synchronisation. */
final class WorkerStats {
    static final int IO_ERROR = 0;

    /** Per operation: latency in microseconds from the intended send time (equal to the send time in a closed loop). */
    final Histogram[] latency;
    /** Per operation: latency from the actual send time, i.e. without the coordinated-omission correction. */
    final Histogram[] serviceTime;
    /** Responses by status code; index 0 counts I/O errors (refused, reset, timed out). */
    final long[][] statuses;
    final long[] items;
    /** I/O failures by kind ("ConnectException: Connection refused"), to tell a full backlog from a dead server. */
    final java.util.Map<String, Long> ioErrorKinds = new java.util.HashMap<>();
    /** Responses each of the thread's connections received in the measured window: how evenly the server served them. */
    long[] responsesPerConnection = new long[0];
    long lastCompletionNanos;
    long connectionsOpened;

    WorkerStats(int operations) {
        latency = new Histogram[operations];
        serviceTime = new Histogram[operations];
        statuses = new long[operations][600];
        items = new long[operations];
        for (int i = 0; i < operations; i++) {
            latency[i] = new Histogram(3);
            serviceTime[i] = new Histogram(3);
        }
    }

    void noteIoError(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        ioErrorKinds.merge(e.getClass().getSimpleName() + (message.length() > 80 ? message.substring(0, 80) : message), 1L, Long::sum);
    }

    void record(int operation, int status, long intendedNanos, long sentNanos, long doneNanos, int itemsInRequest) {
        latency[operation].recordValue(Math.max(1, (doneNanos - intendedNanos) / 1000));
        serviceTime[operation].recordValue(Math.max(1, (doneNanos - sentNanos) / 1000));
        statuses[operation][status >= 0 && status < 600 ? status : IO_ERROR]++;
        if (status >= 200 && status < 300) items[operation] += itemsInRequest;
    }
}
