package dev.lodestone.server.ops;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;

/**
 * The node's one connection to {@code REDIS_URL} (Lettuce multiplexes every caller over it and reconnects by
 * itself). Shared by the rate limiter and the readiness check.
 */
public final class RedisConnection implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisURI uri;
    private volatile RedisClient client;
    private volatile StatefulRedisConnection<String, byte[]> connection;

    /** Parses the URL; connects only in {@link #connect()} (building a node does no I/O). */
    public RedisConnection(String url) {
        this.uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
    }

    /** Opens the connection (at node start). */
    public synchronized void connect() {
        if (connection != null) return;
        RedisClient created = RedisClient.create(uri);
        try {
            connection = created.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            created.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new IllegalStateException("REDIS_URL: cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
        client = created;
    }

    /** String keys, byte[] values: the shape Bucket4j's Lettuce proxy manager takes. Connects if not yet. */
    public StatefulRedisConnection<String, byte[]> connection() {
        if (connection == null) connect();
        return connection;
    }

    /** For readiness: null when Redis answers PING, else the problem. */
    public String problem() {
        try {
            return "PONG".equals(connection().sync().ping()) ? null : "redis does not answer";
        } catch (RuntimeException e) {
            return "redis does not answer";
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) connection.close();
        if (client != null) client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        connection = null;
        client = null;
    }
}
