package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP on the wire, with raw sockets: no body the server did not read is ever run as a request (smuggling),
 * {@code Connection: close} and HTTP/1.0 are honoured, malformed framing is 400, slow or short requests time out
 * with 408, and nothing a client sends is a 5xx.
 */
class HttpWireTest {
    static final String SMUGGLED_CREATE = "POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 68\r\n\r\n{\"entity_id\":\"smuggled\",\"entity_type\":\"p\",\"attributes\":{\"a\":1}}  ";
    @TempDir
    static Path dir;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of(
                "HTTP_HEADER_TIMEOUT_SECS", "1", "HTTP_READ_TIMEOUT_SECS", "1", "HTTP_BODY_TIMEOUT_SECS", "3",
                "HTTP_IDLE_TIMEOUT_SECS", "2"));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    /** Sends {@code raw}, then reads until the server closes (or 15 s pass, which fails the test). */
    static String exchange(String raw) throws IOException {
        try (var socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readToEnd(socket.getInputStream());
        }
    }

    static String readToEnd(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; got so far: " + out.toString(StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException resetAfterAnswer) {
            // a close with unread data resets; what was answered before is kept
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static int responses(String wire) {
        return (int) Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(wire).results().count();
    }

    static String body(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    @Test
    void unreadBodiesAreNeverRunAsRequests() throws IOException {
        String smuggle = SMUGGLED_CREATE + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        int len = smuggle.length();
        String[] requests = {
                // 404 with Connection: close
                "POST /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + len + "\r\n\r\n" + smuggle,
                // 405
                "DELETE /api/v1/entities HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + len + "\r\n\r\n" + smuggle,
                // 413: announced larger than the route takes, body never read
                "POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n" + smuggle,
                // 415
                "POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: " + len + "\r\n\r\n" + smuggle,
                // GET and DELETE with a body, keep-alive (a small body is drained, then the next real request is served)
                "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: " + len + "\r\n\r\n" + smuggle
                        + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "DELETE /api/v1/entities/none HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + len + "\r\n\r\n" + smuggle,
                // a large chunked body on a 404
                "POST /api/v1/nothing HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(len) + "\r\n" + smuggle + "\r\n0\r\n\r\n",
        };
        int[] expected = {1, 1, 1, 1, 2, 1, 1};
        for (int i = 0; i < requests.length; i++) {
            String wire = exchange(requests[i]);
            assertThat(responses(wire)).as("case %d: %s", i, wire).isEqualTo(expected[i]);
            assertThat(wire).as("case %d", i).doesNotContain("HTTP/1.1 201").doesNotContain("HTTP/1.1 5");
        }
        assertThat(running.http.get("/api/v1/entities/smuggled").status()).isEqualTo(404);
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        String wire = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(responses(wire)).isEqualTo(1);
        assertThat(wire).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
    }

    @Test
    void httpOneZeroIsServed() throws IOException {
        String get = exchange("GET /health HTTP/1.0\r\n\r\n");
        assertThat(get).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").contains("OK");
        // As nginx talks to an upstream: HTTP/1.0, a body with Content-Length, sometimes "Connection: keep-alive".
        String post = exchange("POST /api/v1/entities HTTP/1.0\r\nHost: upstream\r\nConnection: keep-alive\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body("{\"entity_id\":\"via-nginx\",\"entity_type\":\"p\",\"attributes\":{\"a\":1}}"));
        assertThat(post).startsWith("HTTP/1.1 201").contains("via-nginx").containsIgnoringCase("content-length");
        assertThat(responses(post)).isEqualTo(1);
    }

    @Test
    void malformedFramingIsABadRequest() throws IOException {
        String badChunk = exchange("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
        assertThat(badChunk).startsWith("HTTP/1.1 400").contains("\"error\"");
        String badTerminator = exchange("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(badTerminator).startsWith("HTTP/1.1 4");
        String unknownCoding = exchange("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        assertThat(unknownCoding).startsWith("HTTP/1.1 400");
        String bothLengths = exchange("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(bothLengths).startsWith("HTTP/1.1 400");
        String badLength = exchange("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n{}");
        assertThat(badLength).startsWith("HTTP/1.1 400");
        String noHost = exchange("GET /health HTTP/1.1\r\n\r\n");
        assertThat(noHost).startsWith("HTTP/1.1 400");
        String http2 = exchange("GET /health HTTP/2.0\r\nHost: x\r\n\r\n");
        assertThat(http2).startsWith("HTTP/1.1 400");
    }

    @Test
    void aBodyShorterThanItsLengthTimesOutAsAClientError() throws IOException {
        try (var socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"entity_id\":").getBytes(StandardCharsets.US_ASCII));
            String wire = readToEnd(socket.getInputStream());
            assertThat(wire).startsWith("HTTP/1.1 408").contains("REQUEST_TIMEOUT");
        }
        // And when the client gives up (half-closes) instead: 400, not 500.
        try (var socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /api/v1/entities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"entity_id\":").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void slowHeadersAndSilentConnectionsAreNotHeldForever() throws Exception {
        try (var socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(15_000);
            var out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            // one header byte every 200 ms: each read makes progress, the whole head never arrives in time
            String wire = null;
            try {
                for (int i = 0; i < 60; i++) {
                    out.write('X');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException closedByServer) {
                wire = readToEnd(socket.getInputStream());
            }
            if (wire == null) wire = readToEnd(socket.getInputStream());
            assertThat(wire).startsWith("HTTP/1.1 408");
        }
        try (var silent = new Socket("127.0.0.1", running.port())) {
            silent.setSoTimeout(15_000);
            assertThat(silent.getInputStream().read()).isEqualTo(-1);
        }
        // A kept-alive connection is closed once idle past HTTP_IDLE_TIMEOUT_SECS, after its answers.
        try (var kept = new Socket("127.0.0.1", running.port())) {
            kept.setSoTimeout(15_000);
            kept.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String wire = readToEnd(kept.getInputStream());
            assertThat(responses(wire)).isEqualTo(1);
        }
        assertThat(running.http.get("/health").status()).isEqualTo(200);
    }
    /**
     * A HEAD response has the GET's headers and no body: a body would be read by the client (or a proxy keeping the
     * connection) as the start of the next response.
     */
    @Test
    void headIsAnsweredWithoutABody() throws IOException {
        running.http.post("/api/v1/entities", java.util.Map.of("entity_id", "head-1", "entity_type", "product",
                "attributes", java.util.Map.of("c", "x")));
        String wire = exchange("HEAD /api/v1/entities/head-1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /api/v1/export/entities HTTP/1.1\r\nHost: x\r\n\r\n"
                + "HEAD /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String[] answers = wire.split("(?=HTTP/1\\.1 \\d{3} )");
        assertThat(answers).as(wire).hasSize(4);
        assertThat(answers[0]).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
        assertThat(header(answers[0], "content-type")).isEqualTo("application/json");
        assertThat(answers[1]).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n").doesNotContain("head-1");
        assertThat(answers[2]).startsWith("HTTP/1.1 404").endsWith("\r\n\r\n");
        assertThat(answers[3]).startsWith("HTTP/1.1 200").endsWith("OK");
    }

    /** HTTP/1.1 servers must accept a request target in absolute form, as clients send it to proxies. */
    @Test
    void absoluteFormTargetsAreServed() throws IOException {
        running.http.post("/api/v1/entities", java.util.Map.of("entity_id", "abs-1", "entity_type", "product",
                "attributes", java.util.Map.of("c", "x")));
        String wire = exchange("GET http://127.0.0.1/api/v1/entities/abs-1?entity_type=product HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 200").contains("\"entity_id\":\"abs-1\"");
        assertThat(exchange("GET HTTP://other.example:8080/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(exchange("GET http://127.0.0.1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404").contains("no route for GET /nothing");
    }

    static String header(String response, String name) {
        return response.lines().takeWhile(l -> !l.isEmpty()).filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(name + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
    }
}
