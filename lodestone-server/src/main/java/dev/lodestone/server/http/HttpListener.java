package dev.lodestone.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;

import java.time.Duration;

/** The web server of a node: Helidon's HTTP/1.1 on guarded connections, our router, our error envelope. */
public final class HttpListener {
    /** Helidon refuses larger bodies itself (413); the API's per-route limits are lower and answer first. */
    private static final long BACKSTOP_BODY_BYTES = 65L << 20;

    private HttpListener() {
    }

    public static WebServer build(String host, int port, Duration shutdownGrace, Router router, ConnectionGuard guard) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .maxPayloadSize(BACKSTOP_BODY_BYTES)
                .maxTcpConnections(guard.limits().maxConnections())
                .backlog(1024)
                .shutdownGracePeriod(shutdownGrace)
                // Only our selector: with one candidate Helidon hands every connection to it at once, so even a
                // connection that never sends a byte is guarded.
                .protocolsDiscoverServices(false)
                .addConnectionSelector(guard.selector(Http1Config.builder()))
                .directHandlers(d -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        d.addHandler(type, TransportErrors::handle);
                    }
                })
                .routing(r -> r.any(router))
                .build();
    }
}
