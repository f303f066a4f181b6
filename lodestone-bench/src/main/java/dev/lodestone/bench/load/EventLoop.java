package dev.lodestone.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One load-generator thread, built like a wrk thread: a {@link Selector} over its share of non-blocking keep-alive
 * connections, each sending its next request when the previous response is complete (closed loop) or when its
 * schedule says so (open loop). Requests are assembled from pre-encoded bytes, responses go through an
 * allocation-free streaming parser, and everything measured lands in this thread's own {@link WorkerStats}, so
 * the hot path takes no lock and touches no shared counter.
 * <p>
 * Open-loop timers fire up to {@link #TIMER_SLACK_NANOS} early, because {@code select} sleeps in whole
 * milliseconds: a request sent early is measured from its actual send time, one sent late (the connection was
 * still busy, or this thread was) from its intended time, so the generator never adds its own timer slack to the
 * latency while a stalled server still pays for every request it delayed (coordinated-omission correction).
 */
final class EventLoop implements Runnable {
    private static final long ERROR_BACKOFF_NANOS = 10_000_000L;
    private static final long TIMER_SLACK_NANOS = 1_000_000L;
    private static final long MAX_SWEEP_NANOS = 100_000_000L;

    /** The connection ended before the first byte of a response. */
    static final class StaleConnectionException extends EOFException {
        StaleConnectionException() {
            super("connection closed by the server before a response");
        }
    }

    /** One connection's state between events. */
    private static final class Connection {
        final int id;
        final SplittableRandom random;
        final RequestBuffer request = new RequestBuffer();
        final ResponseParser parser = new ResponseParser();
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer unsent;
        boolean connecting;
        /** Responses completed on the current channel: a close before the first response of a reused channel is a race, not an error. */
        int responsesOnChannel;
        boolean busy;
        boolean retried;
        int operation;
        long intended;
        long sent;
        long lastActivity;
        /** When the timer queue should start this connection's next request. */
        long due;
        long measuredResponses;

        Connection(int id, SplittableRandom random) {
            this.id = id;
            this.random = random;
        }
    }

    private final Workload workload;
    private final LoadPlan plan;
    private final InetSocketAddress address;
    private final long start;
    private final long measureFrom;
    private final long end;
    /** Open loop: nanoseconds between one connection's intended sends. */
    private final long interval;
    private final long timeoutNanos;
    private final long sweepNanos;
    private final Connection[] connections;
    private final PriorityQueue<Connection> timers = new PriorityQueue<>(Comparator.comparingLong(c -> c.due));
    private final WorkerStats stats;
    /** Shared by this thread's connections: the parser keeps its place, so the bytes need not stay. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** Connections whose next request goes out after this round of events, as wrk does it (see {@link #next}). */
    private final Connection[] sendAfterRound;
    private int sendAfterRoundCount;
    private Selector selector;
    private int busy;

    /** The loop for connections {@code loop, loop + loops, loop + 2 × loops, ...} of the plan. */
    EventLoop(int loop, Workload workload, LoadPlan plan, InetSocketAddress address, long start, long measureFrom, long end) {
        this.workload = workload;
        this.plan = plan;
        this.address = address;
        this.start = start;
        this.measureFrom = measureFrom;
        this.end = end;
        this.interval = plan.openLoop() ? (long) (1e9 * plan.connections() / plan.rate()) : 0;
        this.timeoutNanos = plan.timeout().toNanos();
        this.sweepNanos = Math.max(1_000_000L, Math.min(MAX_SWEEP_NANOS, timeoutNanos));
        this.stats = new WorkerStats(workload.operationNames().length);
        int loops = plan.loops();
        connections = new Connection[(plan.connections() - loop + loops - 1) / loops];
        for (int i = 0; i < connections.length; i++) {
            int id = loop + i * loops;
            connections[i] = new Connection(id, new SplittableRandom(plan.seed() * 1_000_003L + id));
        }
        sendAfterRound = new Connection[connections.length];
    }

    /** What this thread measured; call after {@link #run()}. */
    WorkerStats stats() {
        stats.responsesPerConnection = new long[connections.length];
        for (int i = 0; i < connections.length; i++) stats.responsesPerConnection[i] = connections[i].measuredResponses;
        return stats;
    }

    @Override
    public void run() {
        try (Selector s = Selector.open()) {
            selector = s;
            for (Connection c : connections) {
                if (plan.openLoop()) {
                    // staggered over one interval, so the connections do not send in bursts
                    c.intended = start + interval * c.id / plan.connections();
                    if (c.intended < end) schedule(c, c.intended);
                } else {
                    send(c);
                }
            }
            loop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Connection c : connections) close(c);
        }
    }

    private void loop() throws IOException {
        long nextSweep = System.nanoTime() + sweepNanos;
        while (true) {
            long now = System.nanoTime();
            while (!timers.isEmpty() && timers.peek().due - now <= TIMER_SLACK_NANOS) send(timers.poll());
            if (busy == 0 && timers.isEmpty()) return;
            if (now - nextSweep >= 0) {
                sweepTimeouts(now);
                nextSweep = now + sweepNanos;
            }
            long wait = nextSweep - now;
            if (!timers.isEmpty()) wait = Math.min(wait, timers.peek().due - TIMER_SLACK_NANOS - now);
            long millis = wait <= 0 ? 0 : (wait + 999_999) / 1_000_000;
            if (millis == 0) selector.selectNow(onReady);
            else selector.select(onReady, millis);
            for (int i = 0; i < sendAfterRoundCount; i++) send(sendAfterRound[i]);
            sendAfterRoundCount = 0;
        }
    }

    private void schedule(Connection c, long due) {
        c.due = due;
        timers.add(c);
    }

    /** Starts the connection's next request (a closed loop starts none after the end). */
    private void send(Connection c) {
        long now = System.nanoTime();
        if (!plan.openLoop()) {
            if (now - end >= 0) return;
            c.intended = now;
        }
        c.operation = workload.next(c.random, c.request);
        c.unsent = c.request.flip();
        c.sent = now;
        c.retried = false;
        c.busy = true;
        busy++;
        transmit(c);
    }

    private void transmit(Connection c) {
        c.parser.reset();
        c.lastActivity = System.nanoTime();
        try {
            if (c.channel == null && !connect(c)) return; // the write follows when the connect completes
            write(c);
        } catch (IOException e) {
            dropped(c, e);
        }
    }

    /** Opens a channel; true when it connected at once, false when OP_CONNECT will say. */
    private boolean connect(Connection c) throws IOException {
        SocketChannel channel = SocketChannel.open();
        c.channel = channel;
        c.responsesOnChannel = 0;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = channel.connect(address);
        c.connecting = !connected;
        c.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
        if (connected) stats.connectionsOpened++;
        return connected;
    }

    private void write(Connection c) throws IOException {
        c.channel.write(c.unsent);
        c.key.interestOps(c.unsent.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (key != c.key || !key.isValid()) return;
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                c.channel.finishConnect();
                c.connecting = false;
                stats.connectionsOpened++;
                c.lastActivity = System.nanoTime();
                write(c);
                return;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) write(c);
            if ((ready & SelectionKey.OP_READ) != 0) read(c);
        } catch (IOException e) {
            dropped(c, e);
        }
    }

    private void read(Connection c) throws IOException {
        while (true) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n == 0) return;
            if (!c.busy) {
                close(c); // the server closed an idle connection (or sent bytes nobody asked for): reconnect when needed
                return;
            }
            if (n < 0) {
                if (!c.parser.completesAtClose()) throw c.parser.started() ? new EOFException("connection closed inside a response") : new StaleConnectionException();
                complete(c);
                return;
            }
            c.lastActivity = System.nanoTime();
            if (c.parser.parse(readBuffer.array(), 0, n) >= 0) {
                complete(c);
                return;
            }
            if (n < readBuffer.capacity()) return;
        }
    }

    private void complete(Connection c) {
        long done = System.nanoTime();
        if (c.intended - measureFrom >= 0) {
            stats.record(c.operation, c.parser.status(), Math.min(c.intended, c.sent), c.sent, done, workload.itemsPerRequest(c.operation));
            stats.lastCompletionNanos = done;
            c.measuredResponses++;
        }
        c.busy = false;
        busy--;
        c.responsesOnChannel++;
        if (c.parser.closeAfter()) close(c);
        next(c, done, false);
    }

    /**
     * The channel failed. A kept-alive connection the server closed before answering (an idle-connection limit) is,
     * as in any HTTP client, retried once on a fresh connection for an idempotent request; anything else is an error.
     */
    private void dropped(Connection c, IOException cause) {
        boolean raceOnReusedChannel = c.busy && c.responsesOnChannel > 0 && !c.parser.started();
        close(c);
        if (raceOnReusedChannel && !c.retried && c.request.isGet()) {
            c.retried = true;
            c.unsent = c.request.rewind();
            transmit(c);
        } else {
            fail(c, cause);
        }
    }

    private void fail(Connection c, IOException cause) {
        long done = System.nanoTime();
        close(c);
        if (!c.busy) return;
        if (c.intended - measureFrom >= 0) {
            stats.noteIoError(cause);
            stats.record(c.operation, WorkerStats.IO_ERROR, Math.min(c.intended, c.sent), c.sent, done, 0);
            stats.lastCompletionNanos = done;
        }
        c.busy = false;
        busy--;
        next(c, done, true);
    }

    /** After a request ended: the closed loop sends again (after a pause when it failed), the open loop follows its schedule. */
    private void next(Connection c, long now, boolean failed) {
        if (plan.openLoop()) {
            c.intended += interval;
            if (c.intended - end >= 0) return;
            // after a failure always through the timer queue, so a dead server cannot recurse send → fail → send
            if (!failed && c.intended - now <= TIMER_SLACK_NANOS) sendAfterRound[sendAfterRoundCount++] = c;
            else schedule(c, c.intended);
        } else if (failed) {
            schedule(c, now + ERROR_BACKOFF_NANOS);
        } else {
            sendAfterRound[sendAfterRoundCount++] = c;
        }
    }

    private void sweepTimeouts(long now) {
        for (Connection c : connections) {
            if (c.busy && now - c.lastActivity > timeoutNanos) {
                fail(c, new SocketTimeoutException(c.connecting ? "Connect timed out" : "Read timed out"));
            }
        }
    }

    private static void close(Connection c) {
        if (c.channel == null) return;
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing a broken channel: nothing to do
        }
        c.channel = null;
        c.key = null;
        c.connecting = false;
    }
}
