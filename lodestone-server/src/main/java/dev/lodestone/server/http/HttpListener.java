package dev.lodestone.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.webserver.websocket.WsUpgrader;

import java.time.Duration;
import java.util.List;

/** The web server of a node: Helidon's HTTP/1.1 on guarded connections, our router, our error envelope. */
public final class HttpListener {
    /** Helidon refuses larger bodies itself (413); the API's per-route limits are lower and answer first. */
    private static final long BACKSTOP_BODY_BYTES = 65L << 20;

    private HttpListener() {
    }

    /**
     * @param webSockets the WebSocket endpoints (upgraded from HTTP/1.1 on the same guarded connections)
     * @param webSocketConfig Helidon's WebSocket protocol settings for them
     * @param handshakes      runs before every request, upgrades included (our router never sees those): the
     *                        WebSocket endpoints' checks of a handshake that need the request (the client address)
     */
    public static WebServer build(String host, int port, Duration shutdownGrace, Router router, ConnectionGuard guard,
                                  WsRouting.Builder webSockets, WsConfig webSocketConfig, Filter handshakes) {
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
                .addConnectionSelector(guard.selector(Http1Config.builder(), List.of(WsUpgrader.create(webSocketConfig))))
                // Helidon's WebSocket connections read their settings from the listener's protocol list.
                .addProtocol(webSocketConfig)
                .directHandlers(d -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        d.addHandler(type, TransportErrors::handle);
                    }
                })
                .routing(r -> r.addFilter(handshakes).any(router))
                .addRouting(webSockets)
                .build();
    }
}
