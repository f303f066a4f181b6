package dev.lodestone.server.ops;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The node's one connection to {@code REDIS_URL} (Lettuce multiplexes every caller over it and reconnects by
 * itself). Shared by the rate limiter and the readiness check.
 *
 * <p>Tuned for failing fast: commands time out after {@link #COMMAND_TIMEOUT}; while the connection is down they are
 * refused at once instead of queued; and it reconnects every {@link #RECONNECT_DELAY}, not with a back-off that
 * grows to half a minute, so that shared limits resume within a second of Redis's return.
 */
public final class RedisConnection implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);
    static final Duration RECONNECT_DELAY = Duration.ofMillis(200);
    /** The first connection at start-up may be slow on a loaded machine; reconnects to a host that drops packets not. */
    private static final Duration FIRST_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final RedisURI uri;
    private volatile ClientResources resources;
    private volatile RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> connection;

    /** Parses the URL; connects only in {@link #connect()} (building a node does no I/O). */
    public RedisConnection(String url) {
        this.uri = RedisURI.create(url);
        uri.setTimeout(FIRST_CONNECT_TIMEOUT);
    }

    /** Opens the connection (at node start). */
    public synchronized void connect() {
        if (connection != null) return;
        ClientResources createdResources = ClientResources.builder().reconnectDelay(Delay.constant(RECONNECT_DELAY)).build();
        RedisClient created = RedisClient.create(createdResources, uri);
        created.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(RECONNECT_TIMEOUT).build())
                .build());
        try {
            var opened = created.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            opened.setTimeout(COMMAND_TIMEOUT);
            connection = opened;
        } catch (RuntimeException e) {
            shutdown(created, createdResources);
            throw new IllegalStateException("REDIS_URL: cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
        client = created;
        resources = createdResources;
    }

    /** String keys, byte[] values: the shape Bucket4j's Lettuce proxy manager takes. Connects if not yet. */
    public StatefulRedisConnection<String, byte[]> connection() {
        if (connection == null) connect();
        return connection;
    }

    /** Whether the connection is up now (no round trip, never blocks). */
    public boolean connected() {
        var c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public synchronized void close() {
        if (connection != null) connection.close();
        if (client != null) shutdown(client, resources);
        connection = null;
        client = null;
        resources = null;
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
