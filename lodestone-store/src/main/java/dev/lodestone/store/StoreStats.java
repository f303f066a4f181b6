package dev.lodestone.store;

/**
 * Gauges for metrics.
 *
 * @param writeTransactions  write transactions committed by the group committer since start
 * @param writeOperations    write calls those transactions carried (operations / transactions = batching factor)
 * @param pendingWrites      write calls queued, not yet committed
 * @param activeConnections  pooled connections in use
 * @param idleConnections    pooled connections idle
 * @param waitingForConnection threads waiting for a pooled connection
 */
public record StoreStats(
        long writeTransactions,
        long writeOperations,
        int pendingWrites,
        int activeConnections,
        int idleConnections,
        int waitingForConnection) {

    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0, 0, 0);
}
