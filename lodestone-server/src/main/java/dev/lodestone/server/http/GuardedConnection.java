package dev.lodestone.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.spi.ServerConnection;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection as {@link ConnectionGuard} watches it: Helidon's HTTP/1.1 connection runs on this context,
 * whose reader and writer record when the connection waits on the client, so that the guard can end waits that last
 * too long. It also serves HTTP/1.0: the version of the first request line is read as 1.1 and the request is
 * marked to close the connection after its response (all HTTP/1.0 needs from a server that answers with
 * Content-Length).
 */
final class GuardedConnection implements ConnectionContext, ServerConnection {
    /** What the connection waits for, as the guard sees it. */
    enum Phase {
        /** The next request's head: its first byte, or the rest of its prologue and headers. */
        HEAD,
        /** A request is being handled; reads now are its body. */
        REQUEST
    }

    private static final int NOT_WAITING = 0;
    private static final int READING = 1;
    private static final int WRITING = 2;
    private static final int TIMED_OUT = 3;
    /** The longest first line looked at for "HTTP/1.0"; longer ones are Helidon's to refuse (414). */
    private static final int MAX_FIRST_LINE = 8192;
    private static final byte[] HTTP_10 = " HTTP/1.0\r".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionContext ctx;
    private final ConnectionGuard guard;
    private final DataReader reader;
    private final DataWriter writer;
    private final long createdNanos = System.nanoTime();
    private ServerConnection http1;

    private final AtomicInteger waiting = new AtomicInteger(NOT_WAITING);
    /** The connection's own thread, once it has read. */
    private volatile Thread thread;
    private volatile long waitStart;
    private volatile Phase phase = Phase.HEAD;
    private volatile long phaseStart = createdNanos;
    /** When the first byte of the current head arrived; 0 while none has. */
    private volatile long headStart;
    private volatile boolean firstRequest = true;
    private volatile boolean http10;
    private volatile String timeoutReason;
    /**
     * Upgraded to a WebSocket: a client that sends nothing is not late, and reads and writes overlap, so neither is
     * watched any more (the socket's own sender drops clients that stop reading).
     */
    private volatile boolean upgraded;
    private boolean firstLineDone;

    GuardedConnection(ConnectionContext ctx, ConnectionGuard guard) {
        this.ctx = ctx;
        this.guard = guard;
        this.reader = DataReader.create(this::nextBytes);
        this.writer = new WatchedWriter(ctx.dataWriter());
    }

    void http1(ServerConnection connection) {
        this.http1 = connection;
    }

    // ---- what the guard reads and does

    Phase phase() {
        return phase;
    }

    boolean http10() {
        return http10;
    }

    void upgraded() {
        upgraded = true;
    }

    /** Why the guard should end this connection now, or null. */
    String overdue(long now, HttpLimits limits) {
        int state = waiting.get();
        if (state == NOT_WAITING || state == TIMED_OUT) return null;
        // Blocked on the client means parked in a socket call. A thread that is runnable has its bytes (or its write
        // went through) and merely waits for a core: that slowness is the server's, never held against the client.
        Thread t = thread;
        if (t != null && t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) return null;
        if (state == WRITING) return now - waitStart > limits.readTimeout().toNanos() ? "response not read by the client" : null;
        if (state != READING || upgraded) return null;
        if (phase == Phase.HEAD) {
            long head = headStart;
            if (head != 0) return now - head > limits.headerTimeout().toNanos() ? "request head too slow" : null;
            Duration idle = firstRequest ? limits.headerTimeout() : limits.idleTimeout();
            long since = firstRequest ? createdNanos : waitStart;
            return now - since > idle.toNanos() ? "idle" : null;
        }
        if (now - waitStart > limits.readTimeout().toNanos()) return "request body stalled";
        if (now - phaseStart > limits.bodyTimeout().toNanos()) return "request body too slow";
        return null;
    }

    /** Between requests with nothing of the next one received for at least {@code idleNanos}. */
    boolean idleBetweenRequests(long now, long idleNanos) {
        return !upgraded && phase == Phase.HEAD && headStart == 0 && waiting.get() == READING && now - waitStart >= idleNanos;
    }

    /**
     * Ends a wait that lasted too long: a started request gets 408 (written here, as its own thread is blocked on
     * the client), an idle connection is just closed. Does nothing if the wait ended meanwhile.
     */
    void timeOut(String reason) {
        int state = waiting.get();
        if (state == NOT_WAITING || state == TIMED_OUT || !waiting.compareAndSet(state, TIMED_OUT)) return;
        timeoutReason = reason;
        boolean started = state == READING && (phase == Phase.REQUEST || headStart != 0);
        if (started) {
            byte[] body = ErrorBody.json(408, "REQUEST_TIMEOUT", "the request did not arrive in time (" + reason + ")");
            String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            try {
                ctx.dataWriter().writeNow(BufferData.create(BufferData.create(head.getBytes(StandardCharsets.US_ASCII)),
                        BufferData.create(body)));
            } catch (RuntimeException clientGone) {
                // nothing more to tell a client that does not read
            }
        }
        closeSocket();
    }

    void closeSocket() {
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException alreadyClosed) {
            // closed by the client or by Helidon meanwhile
        }
    }

    // ---- events from Helidon's connection (see ConnectionGuard's listeners)

    void headReceived() {
        phase = Phase.REQUEST;
        phaseStart = System.nanoTime();
    }

    void responseStarted() {
        firstRequest = false;
        headStart = 0;
        phase = Phase.HEAD;
        phaseStart = System.nanoTime();
    }

    // ---- the reader's source: the socket, timed

    private byte[] nextBytes() {
        if (!firstLineDone) return firstLine();
        return pull();
    }

    private byte[] pull() {
        if (upgraded) {
            // A WebSocket reads and writes at once, from two threads: its reads are not watched (see upgraded()).
            try {
                return ctx.serverSocket().get();
            } catch (UncheckedIOException e) {
                throw new ServerConnectionException("Failed to get data from socket", e);
            }
        }
        if (thread == null) thread = Thread.currentThread();
        waitStart = System.nanoTime();
        if (!waiting.compareAndSet(NOT_WAITING, READING)) throw timedOut();
        byte[] data;
        try {
            data = ctx.serverSocket().get();
        } catch (UncheckedIOException e) {
            if (waiting.get() == TIMED_OUT) throw timedOut();
            waiting.set(NOT_WAITING);
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
        if (!waiting.compareAndSet(READING, NOT_WAITING)) throw timedOut();
        if (data != null && phase == Phase.HEAD && headStart == 0) headStart = System.nanoTime();
        return data;
    }

    private RuntimeException timedOut() {
        return RequestException.builder()
                .type(DirectHandler.EventType.OTHER)
                .status(Status.REQUEST_TIMEOUT_408)
                .message("request timed out: " + timeoutReason)
                .setKeepAlive(false)
                .build();
    }

    /**
     * The first request line, gathered whole: an HTTP/1.0 one is passed on as HTTP/1.1 (same length) and the
     * connection remembers to close after the response.
     */
    private byte[] firstLine() {
        byte[] line = BufferData.EMPTY_BYTES;
        int lf;
        do {
            byte[] data = pull();
            if (data == null) {
                firstLineDone = true;
                return line.length == 0 ? null : line;
            }
            line = line.length == 0 ? data : concat(line, data);
            lf = indexOf(line, (byte) '\n');
        } while (lf < 0 && line.length < MAX_FIRST_LINE);
        firstLineDone = true;
        if (lf >= HTTP_10.length && Arrays.equals(line, lf - HTTP_10.length, lf, HTTP_10, 0, HTTP_10.length)) {
            line[lf - 2] = '1';
            http10 = true;
        }
        return line;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    // ---- ServerConnection

    @Override
    public void handle(Limit limit) throws InterruptedException {
        guard.opened(this);
        try {
            http1.handle(limit);
        } finally {
            guard.closed(this);
        }
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
    }

    // ---- ConnectionContext: Helidon's, but with the timed reader and writer

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return ctx.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return ctx.executor();
    }

    @Override
    public Router router() {
        return ctx.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return ctx.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return ctx.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return ctx.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return ctx.localPeer();
    }

    @Override
    public boolean isSecure() {
        return ctx.isSecure();
    }

    @Override
    public String socketId() {
        return ctx.socketId();
    }

    @Override
    public String childSocketId() {
        return ctx.childSocketId();
    }

    /** Writes that block on a client that does not read are timed like reads. */
    private final class WatchedWriter implements DataWriter {
        private final DataWriter delegate;

        WatchedWriter(DataWriter delegate) {
            this.delegate = delegate;
        }

        private void begin() {
            // A WebSocket's sends overlap its reads; its own sender drops clients that do not read (LiveConnection).
            if (upgraded) return;
            if (thread == null) thread = Thread.currentThread();
            waitStart = System.nanoTime();
            if (!waiting.compareAndSet(NOT_WAITING, WRITING)) {
                throw new ServerConnectionException("connection timed out", new java.io.IOException(timeoutReason));
            }
        }

        private void end() {
            if (upgraded) return;
            waiting.compareAndSet(WRITING, NOT_WAITING);
        }

        @Override
        public void write(BufferData... buffers) {
            begin();
            try {
                delegate.write(buffers);
            } finally {
                end();
            }
        }

        @Override
        public void write(BufferData buffer) {
            begin();
            try {
                delegate.write(buffer);
            } finally {
                end();
            }
        }

        @Override
        public void writeNow(BufferData... buffers) {
            begin();
            try {
                delegate.writeNow(buffers);
            } finally {
                end();
            }
        }

        @Override
        public void writeNow(BufferData buffer) {
            begin();
            try {
                delegate.writeNow(buffer);
            } finally {
                end();
            }
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
