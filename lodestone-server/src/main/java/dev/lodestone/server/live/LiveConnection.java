package dev.lodestone.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.ConnectionGuard;
import dev.lodestone.server.http.Json;
import dev.lodestone.server.ingest.JsonValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live-activity socket: admitted at the handshake (key, tenant, connection bound), then takes
 * {@code {"type":"subscribe"|"unsubscribe","productId":"…"}} and receives {@code {"type":"activity",…}} pushes.
 * Bad messages get {@code {"type":"error","code","message"}} and the socket stays open.
 */
final class LiveConnection implements WsListener, ActivityHub.Subscriber {
    /** WebSocket close codes (RFC 6455). */
    private static final int POLICY_VIOLATION = 1008;
    private static final int MESSAGE_TOO_BIG = 1009;

    private final ActivitySocket socket;
    private final ActivityHub hub;
    private final LiveLimits limits;
    private volatile ActivitySocket.Admission admission;
    private volatile ApiException refusal;
    private volatile Outbox outbox;
    private volatile WsSession session;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private long windowStart;
    private int messagesInWindow;

    LiveConnection(ActivitySocket socket, ActivityHub hub, LiveLimits limits) {
        this.socket = socket;
        this.hub = hub;
        this.limits = limits;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        // Refusals are told after the switch: a browser never sees a refused handshake's status, only close codes.
        // (An address that spent its failed-key budget never gets here: the handshake filter answered it 429.)
        try {
            admission = socket.admit();
        } catch (ApiException e) {
            refusal = e;
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        if (admission == null) {
            ApiException why = refusal != null ? refusal : new ApiException(400, "BAD_REQUEST", "not admitted");
            session.send(errorJson(why.code(), why.getMessage()), true);
            // 4000 + the HTTP status: 4401 bad key, 4403 other tenant, 4429 too many connections of the key.
            String reason = why.getMessage().length() > 120 ? why.getMessage().substring(0, 120) : why.getMessage();
            session.close(4000 + why.status(), reason);
            ended.set(true);
            return;
        }
        this.session = session;
        // Shoppers' pages send nothing for as long as they stay open: the connection's read timeouts no longer apply.
        ConnectionGuard.upgraded(session.socketContext());
        outbox = new Outbox(message -> session.send(message, true), limits.subscriptionsPerConnection() + 16, hub::now,
                () -> {
                    cut(session);
                    end();
                });
        outbox.start();
        socket.opened(this);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (ended.get()) return;
        if (partial.length() + text.length() > LiveLimits.MAX_MESSAGE_CHARS) {
            session.close(MESSAGE_TOO_BIG, "messages are at most " + LiveLimits.MAX_MESSAGE_CHARS + " characters");
            end();
            return;
        }
        partial.append(text);
        if (!last) return;
        String message = partial.toString();
        partial.setLength(0);
        if (tooFast()) {
            session.close(POLICY_VIOLATION, "more than " + LiveLimits.MESSAGES_PER_SECOND + " messages a second");
            end();
            return;
        }
        handle(message);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        end();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        end();
    }

    @Override
    public void push(String productId, String message) {
        var box = outbox;
        if (box != null) box.push(productId, message);
    }

    /**
     * Helidon tells a listener nothing when the client vanishes without a close frame (the socket just ends), so
     * the socket's state is checked here; and a send stuck too long marks a slow consumer, which is dropped.
     */
    void sweep(long nowMillis) {
        var s = session;
        var box = outbox;
        if (s == null || box == null) return;
        if (!connected(s)) {
            end();
        } else if (box.stalled(nowMillis, limits.sendTimeout().toMillis())) {
            box.drop();
        }
    }

    /** The server is stopping (1001 Going Away) or the tenant is gone: tell the client and release everything. */
    void goAway(int status, String reason) {
        var s = session;
        var box = outbox;
        if (box != null) box.close();
        if (s != null) {
            try {
                s.close(status, reason);
            } catch (RuntimeException ignored) {
                // Already gone.
            }
            cut(s);
        }
        end();
    }

    ActivitySocket.Admission admission() {
        return admission;
    }

    private void handle(String text) {
        JsonNode json;
        try {
            json = Json.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (ApiException e) {
            error("INVALID_JSON", e.getMessage());
            return;
        }
        String type = json.path("type").asText("");
        switch (type) {
            case "subscribe", "unsubscribe" -> {
                String productId = productId(json.get("productId"));
                if (productId == null) {
                    error("VALIDATION_ERROR", "productId must be a non-empty string (at most 255 characters) or an integer");
                } else if (type.equals("subscribe")) {
                    subscribe(productId);
                } else {
                    unsubscribe(productId);
                }
            }
            case "ping" -> outbox.reply("{\"type\":\"pong\"}");
            default -> error("VALIDATION_ERROR", "type must be subscribe, unsubscribe or ping");
        }
    }

    private void subscribe(String productId) {
        synchronized (subscriptions) {
            if (!subscriptions.contains(productId) && subscriptions.size() >= limits.subscriptionsPerConnection()) {
                error("TOO_MANY_SUBSCRIPTIONS", "a connection may watch at most " + limits.subscriptionsPerConnection()
                        + " products; unsubscribe from one first");
                return;
            }
            subscriptions.add(productId);
        }
        try {
            ActivityCounts counts = hub.subscribe(this, admission.tenantId(), productId);
            // The current counts at once; changes follow at most once a second.
            outbox.push(productId, ActivityHub.message(productId, counts, hub.now()));
        } catch (ActivityHub.Refused e) {
            synchronized (subscriptions) {
                subscriptions.remove(productId);
            }
            error("UNAVAILABLE", e.getMessage());
        }
        if (ended.get()) hub.unsubscribe(this, admission.tenantId(), productId);
    }

    private void unsubscribe(String productId) {
        synchronized (subscriptions) {
            if (!subscriptions.remove(productId)) return;
        }
        hub.unsubscribe(this, admission.tenantId(), productId);
    }

    private void error(String code, String message) {
        outbox.reply(errorJson(code, message));
    }

    private static String errorJson(String code, String message) {
        var m = new LinkedHashMap<String, Object>();
        m.put("type", "error");
        m.put("code", code);
        m.put("message", message);
        return new String(Json.write(m), StandardCharsets.UTF_8);
    }

    private boolean tooFast() {
        long now = hub.now();
        if (now - windowStart >= 1_000) {
            windowStart = now;
            messagesInWindow = 0;
        }
        return ++messagesInWindow > LiveLimits.MESSAGES_PER_SECOND;
    }

    /** Idempotent: releases the subscriptions, the key's connection slot and the sender. */
    private void end() {
        if (!ended.compareAndSet(false, true)) return;
        var box = outbox;
        if (box != null) box.close();
        List<String> all;
        synchronized (subscriptions) {
            all = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        var who = admission;
        if (who != null) {
            for (String productId : all) hub.unsubscribe(this, who.tenantId(), productId);
        }
        socket.closed(this);
    }

    private static boolean connected(WsSession session) {
        try {
            return !(session.socketContext() instanceof ConnectionContext ctx) || ctx.serverSocket().isConnected();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Closes the connection's socket from any thread; a send blocked on it fails at once. */
    private static void cut(WsSession session) {
        try {
            if (session.socketContext() instanceof ConnectionContext ctx) ctx.serverSocket().close();
        } catch (RuntimeException ignored) {
            // Already closed.
        }
    }

    private static String productId(JsonNode node) {
        String id = JsonValues.idText(node);
        if (id == null || id.isBlank() || id.length() > 255 || id.chars().anyMatch(Character::isISOControl)) return null;
        return id;
    }
}
