package dev.lodestone.server.live;

import java.time.Duration;

/**
 * Bounds of the live-activity socket.
 *
 * @param connectionsPerKey        open sockets per API key (a publishable key is shared by every shopper of a shop)
 * @param subscriptionsPerConnection products one socket may watch at once
 * @param watchedProducts          products one node tracks at once
 * @param sendTimeout              a push that has not left after this long marks a slow consumer: it is dropped
 */
public record LiveLimits(int connectionsPerKey, int subscriptionsPerConnection, int watchedProducts, Duration sendTimeout) {
    /** Messages a client may send per second before it is disconnected (a subscribe may read the store). */
    public static final int MESSAGES_PER_SECOND = 20;
    /** Longest client message, in characters: a subscribe is about fifty. */
    public static final int MAX_MESSAGE_CHARS = 4_096;
}
