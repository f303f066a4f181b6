package dev.lodestone.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what one client can hold: Helidon has no header, body or write timeouts of its own (a connection that
 * sends a byte every few seconds is served forever), so every connection runs on a {@link GuardedConnection} and
 * this checks them a few times a second against {@link HttpLimits}. A request that started and stalls gets 408; an
 * idle connection is closed. While the node drains for shutdown, every response says {@code Connection: close} and
 * connections idle between requests are closed.
 */
public final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final Duration CHECK_PERIOD = Duration.ofMillis(250);
    /** While draining, a connection this long without a new request is taken to be an idle keep-alive. */
    private static final Duration DRAIN_IDLE = Duration.ofMillis(200);

    private final HttpLimits limits;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile boolean draining;
    private volatile ScheduledFuture<?> checks;

    public ConnectionGuard(HttpLimits limits) {
        this.limits = limits;
    }

    public HttpLimits limits() {
        return limits;
    }

    /** Starts the periodic checks on {@code scheduler} (stopped with it). */
    public void start(ScheduledExecutorService scheduler) {
        checks = scheduler.scheduleWithFixedDelay(this::check, CHECK_PERIOD.toMillis(), CHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        var task = checks;
        if (task != null) task.cancel(false);
    }

    /** From now on responses close their connections and idle kept-alive connections are closed. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public int openConnections() {
        return open.size();
    }

    /** Connections ended by a timeout since start. */
    public long timedOut() {
        return timedOut.get();
    }

    void opened(GuardedConnection connection) {
        open.add(connection);
    }

    void closed(GuardedConnection connection) {
        open.remove(connection);
    }

    /**
     * The connection of {@code ctx} was upgraded to a long-lived protocol (a WebSocket) where the client may rightly
     * send nothing for hours, and which reads and writes at once: the guard stops watching it (the protocol's own
     * code bounds what a client that stops reading can hold). Call before the protocol's first read.
     */
    public static void upgraded(io.helidon.common.socket.SocketContext ctx) {
        if (ctx instanceof GuardedConnection c) c.upgraded();
    }

    void check() {
        long now = System.nanoTime();
        for (GuardedConnection c : open) {
            String reason = c.overdue(now, limits);
            if (reason != null) {
                timedOut.incrementAndGet();
                log.debug("closing connection from {}: {}", c.remotePeer().address(), reason);
                // The 408 write may block on a client that reads nothing: never on this thread.
                Thread.ofVirtual().name("lodestone-http-timeout").start(() -> c.timeOut(reason));
            } else if (draining && c.idleBetweenRequests(now, DRAIN_IDLE.toNanos())) {
                Thread.ofVirtual().name("lodestone-http-drain").start(() -> c.timeOut("draining"));
            }
        }
    }

    /** The HTTP/1.1 connection selector: Helidon's, on guarded connections. */
    public ServerConnectionSelector selector(Http1Config.Builder http1) {
        return selector(http1, List.of());
    }

    /** The same, with protocols a request may upgrade to (WebSocket). */
    public ServerConnectionSelector selector(Http1Config.Builder http1, List<Http1Upgrader> upgraders) {
        Http1Config config = http1
                // HTTP/1.0 requests may come without Host; the receive listener requires it of HTTP/1.1 ones.
                .validateRequestHostHeader(false)
                .receiveLog(false)
                .sendLog(false)
                .addReceiveListener(new Received())
                .addSendListener(new Sent())
                .build();
        var builder = Http1ConnectionSelector.builder().config(config);
        for (Http1Upgrader upgrader : upgraders) builder.addUpgrader(upgrader);
        var helidon = builder.build();
        return new Selector(helidon, this);
    }

    private record Selector(ServerConnectionSelector http1, ConnectionGuard guard) implements ServerConnectionSelector {
        @Override
        public int bytesToIdentifyConnection() {
            return 0;
        }

        @Override
        public Support supports(BufferData data) {
            return Support.SUPPORTED;
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return http1.supportedApplicationProtocols();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            var guarded = new GuardedConnection(ctx, guard);
            guarded.http1(http1.connection(guarded));
            return guarded;
        }
    }

    private static final class Received implements Http1ConnectionListener {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (!(ctx instanceof GuardedConnection c)) return;
            c.headReceived();
            if (c.http10()) {
                // HTTP/1.0 has no persistent connections unless negotiated; one request per connection is always correct.
                if (headers instanceof WritableHeaders<?> writable) writable.set(HeaderValues.CONNECTION_CLOSE);
                return;
            }
            var hosts = headers.all(HeaderNames.HOST, java.util.List::of);
            if (hosts.size() != 1 || hosts.getFirst().isBlank()) {
                throw RequestException.builder()
                        .type(DirectHandler.EventType.BAD_REQUEST)
                        .status(Status.BAD_REQUEST_400)
                        .setKeepAlive(false)
                        .message("an HTTP/1.1 request needs exactly one Host header")
                        .build();
            }
        }
    }

    private final class Sent implements Http1ConnectionListener {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            if (ctx instanceof GuardedConnection c) c.responseStarted();
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (draining && headers instanceof WritableHeaders<?> writable) writable.set(HeaderValues.CONNECTION_CLOSE);
        }
    }
}
