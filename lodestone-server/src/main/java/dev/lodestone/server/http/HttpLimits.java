package dev.lodestone.server.http;

import java.time.Duration;

/**
 * How long and how much one client may hold of the server's connections (see {@link ConnectionGuard}).
 *
 * @param headerTimeout  from a request's first byte to the end of its headers (and a new connection's first request)
 * @param idleTimeout    a kept-alive connection waiting for its next request
 * @param readTimeout    a body read (or a response write) that makes no progress
 * @param bodyTimeout    a whole request body, however slowly it trickles in
 * @param maxConnections connections served at once; more wait in the listen backlog
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, Duration readTimeout, Duration bodyTimeout,
                         int maxConnections) {
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(60), 10_000);
}
