package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of /ws/activity that collects what the server pushes. */
final class LiveSocketForTests implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> received;
    private final CompletableFuture<Integer> closed;

    private LiveSocketForTests(WebSocket socket, LinkedBlockingQueue<JsonNode> received, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.received = received;
        this.closed = closed;
    }

    /** Connects to {@code ws://127.0.0.1:port/ws/activity?query}; throws the handshake's failure. */
    static LiveSocketForTests connect(int port, String query) {
        return connect(port, query, null);
    }

    /** As a page of {@code origin} (null: no Origin header, as a server-side client) would connect. */
    static LiveSocketForTests connect(int port, String query, String origin) {
        return connect(port, query, origin, new String[0]);
    }

    /** With more handshake headers (name/value pairs), e.g. what a proxy in front of the server adds. */
    static LiveSocketForTests connect(int port, String query, String origin, String... headers) {
        var received = new LinkedBlockingQueue<JsonNode>();
        var closed = new CompletableFuture<Integer>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(HttpClientForTests.MAPPER.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        String uri = "ws://127.0.0.1:" + port + "/ws/activity" + (query == null || query.isEmpty() ? "" : "?" + query);
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(PATIENCE);
        if (origin != null) builder.header("Origin", origin);
        for (int i = 0; i < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        var socket = builder.buildAsync(URI.create(uri), listener).orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
        return new LiveSocketForTests(socket, received, closed);
    }

    /** Connects and waits for the server to close the socket: its error message's code and the close code. */
    static String refusal(int port, String query) {
        return refusal(port, query, null);
    }

    static String refusal(int port, String query, String origin, String... headers) {
        try (var live = connect(port, query, origin, headers)) {
            JsonNode error = live.await(m -> m.path("type").asText().equals("error"));
            return error.get("code").asText() + " " + live.awaitClosed();
        }
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void subscribe(String productId) {
        send("{\"type\":\"subscribe\",\"productId\":\"" + productId + "\"}");
    }

    /** Waits for the first message that matches, skipping others. */
    JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode next = received.poll(100, TimeUnit.MILLISECONDS);
                if (next == null) continue;
                last = next;
                if (match.test(next)) return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching message within " + PATIENCE.toSeconds() + " s; last: " + last);
    }

    JsonNode awaitActivity(String productId, Predicate<JsonNode> match) {
        return await(m -> m.path("type").asText().equals("activity") && m.path("productId").asText().equals(productId) && match.test(m));
    }

    /** The close code the server sent (or -1 on an error), waiting for it. */
    int awaitClosed() {
        return closed.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
