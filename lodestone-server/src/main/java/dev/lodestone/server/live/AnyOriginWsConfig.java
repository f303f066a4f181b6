package dev.lodestone.server.live;

import io.helidon.webserver.websocket.WsConfig;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Helidon's WebSocket protocol settings for Lodestone. Helidon refuses (403) a handshake whose {@code Origin} is not
 * the server's own authority unless it is in a fixed list; a storefront widget always runs on another origin, and
 * which origins may connect depends on the key presented (a publishable key's allowed origins), so the socket checks
 * origins itself ({@link ActivitySocket}) and Helidon is given a list that contains every origin.
 */
public final class AnyOriginWsConfig implements WsConfig {
    /** Client messages are a few dozen bytes: a large frame is never legitimate. */
    private static final int MAX_FRAME_LENGTH = 16 * 1024;

    private static final Set<String> EVERY_ORIGIN = new AbstractSet<>() {
        @Override
        public boolean contains(Object o) {
            return o instanceof String;
        }

        @Override
        public Iterator<String> iterator() {
            return Set.of("*").iterator();
        }

        @Override
        public int size() {
            return 1;
        }
    };

    @Override
    public Set<String> origins() {
        return EVERY_ORIGIN;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public int maxFrameLength() {
        return MAX_FRAME_LENGTH;
    }
}
