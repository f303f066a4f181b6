package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown under a small load on kept-alive connections: during the drain every response says
 * {@code Connection: close}, connections idle between requests are closed, and no request goes unanswered.
 */
class ShutdownDrainTest {
    @TempDir
    Path dir;

    /** One HTTP/1.1 response read off a kept-alive connection: its head, and whether it closes the connection. */
    record Answer(String head, boolean closes) {
    }

    static Answer readAnswer(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        if (in.readNBytes(length).length < length) return null;
        return new Answer(text, text.toLowerCase(Locale.ROOT).contains("connection: close"));
    }

    @Test
    void drainingClosesKeptAliveConnectionsWithoutCuttingRequests() throws Exception {
        var running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("SHUTDOWN_TIMEOUT_SECS", "5"));
        int port = running.port();
        var unanswered = new AtomicInteger();
        var answered = new AtomicInteger();
        var closedByDrain = new AtomicInteger();
        var closedIdle = new AtomicInteger();
        var busyClosedWhileIdle = new AtomicInteger();
        var draining = new java.util.concurrent.atomic.AtomicBoolean();
        var answeredWhileDraining = new AtomicInteger();
        var keptOpenWhileDraining = new AtomicInteger();
        var done = new CountDownLatch(16);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                try (var socket = new Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(20_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    for (int n = 0; ; n++) {
                        String request = n % 2 == 0
                                ? "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                                : "POST /api/v1/interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                                + body(client, n).length() + "\r\n\r\n" + body(client, n);
                        boolean duringDrain = draining.get();
                        if (n > 0 && closedWhileIdle(socket)) {
                            // as pooling clients do before reusing a connection: the server closed it while idle
                            busyClosedWhileIdle.incrementAndGet();
                            return;
                        }
                        try {
                            out.write(request.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException closedBeforeTheRequest) {
                            // the server closed first and said so by closing: nothing was sent, nothing lost
                            return;
                        }
                        Answer answer;
                        try {
                            answer = readAnswer(in);
                        } catch (IOException reset) {
                            answer = null;
                        }
                        if (answer == null) {
                            unanswered.incrementAndGet();
                            return;
                        }
                        answered.incrementAndGet();
                        if (duringDrain) {
                            answeredWhileDraining.incrementAndGet();
                            if (!answer.closes()) keptOpenWhileDraining.incrementAndGet();
                        }
                        if (answer.closes()) {
                            closedByDrain.incrementAndGet();
                            assertThat(in.read()).as("closed after Connection: close").isEqualTo(-1);
                            return;
                        }
                        if (client < 4) {
                            // an idle kept-alive connection: no further request; the drain must close it
                            socket.setSoTimeout(30_000);
                            if (in.read() < 0) closedIdle.incrementAndGet();
                            return;
                        }
                        Thread.sleep(30); // a small load on the others

                    }
                } catch (Exception e) {
                    unanswered.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread.sleep(1_000);
        assertThat(answered.get()).isPositive();
        var stopped = new CountDownLatch(1);
        var shutdown = new GracefulShutdown(running.server, Duration.ofSeconds(2), Duration.ofSeconds(5), stopped);
        // the node drains before the clients count their requests as sent during the drain: a request the node
        // answered a moment before it began draining is rightly kept alive
        running.server.beginShutdown();
        draining.set(true);
        var stopper = Thread.ofPlatform().start(() -> shutdown.run("TERM"));
        assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("every client saw its connection end").isTrue();
        stopper.join(30_000);
        assertThat(stopped.getCount()).isZero();
        try {
            assertThat(unanswered.get()).as("requests that got no response").isZero();
            assertThat(closedIdle.get()).as("idle kept-alive connections closed").isEqualTo(4);
            assertThat(closedByDrain.get() + busyClosedWhileIdle.get()).as("busy connections closed").isEqualTo(12);
            assertThat(closedByDrain.get()).as("busy connections told to close").isPositive();
            assertThat(keptOpenWhileDraining.get()).as("answers without Connection: close while draining").isZero();
            assertThat(answeredWhileDraining.get()).isPositive();
        } finally {
            running.close();
        }
    }

    /** A pooling client's stale-connection check: has the server closed this connection? */
    static boolean closedWhileIdle(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    static String body(int client, int n) {
        return "{\"user_id\":\"u" + client + "\",\"entity_id\":\"e" + n + "\",\"entity_type\":\"product\",\"interaction_type\":\"view\"}";
    }
}
