package dev.lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk that used to end in OutOfMemoryError — 10,000 entities × 600 attributes, 61 MiB, under the 64 MiB body
 * limit — sent to a real server process with the launcher's default heap: refused with 413 naming the limit, and
 * the node keeps serving. The largest bulk within the limits is accepted by the same heap.
 */
class HostileBulkTest {
    @TempDir
    static Path dir;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of("DATA_DIR", dir.resolve("data").toString()), dir.resolve("server.log"),
                List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Writes {@code entities × attributes} as a bulk body without holding it in memory. */
    static long writeBulk(OutputStream out, int entities, int attributes) throws IOException {
        long bytes = 0;
        byte[] open = "{\"entities\":[".getBytes(StandardCharsets.US_ASCII);
        out.write(open);
        bytes += open.length;
        var sb = new StringBuilder();
        for (int e = 0; e < entities; e++) {
            sb.setLength(0);
            if (e > 0) sb.append(',');
            sb.append("{\"entity_id\":\"e").append(e).append("\",\"entity_type\":\"product\",\"attributes\":{");
            for (int a = 0; a < attributes; a++) sb.append(a == 0 ? "" : ",").append("\"a").append(a).append("\":").append(a);
            sb.append("}}");
            byte[] item = sb.toString().getBytes(StandardCharsets.US_ASCII);
            out.write(item);
            bytes += item.length;
        }
        out.write("]}".getBytes(StandardCharsets.US_ASCII));
        return bytes + 2;
    }

    static long bodyLength(int entities, int attributes) throws IOException {
        var counter = new OutputStream() {
            long n;

            @Override
            public void write(int b) {
                n++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n += len;
            }
        };
        writeBulk(counter, entities, attributes);
        return counter.n;
    }

    /** Sends the bulk on a raw connection (the server may answer and close before the body is all sent). */
    static String send(int entities, int attributes) throws Exception {
        long length = bodyLength(entities, attributes);
        try (var socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(120_000);
            var writer = Thread.ofVirtual().start(() -> {
                try {
                    var out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
                    out.write(("POST /api/v1/entities/bulk HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    writeBulk(out, entities, attributes);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered early and closed: expected for a refused body
                }
            });
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            writer.join();
            return answer;
        }
    }

    @Test
    void theOutOfMemoryBulkIsRefusedAndTheNodeStaysUp() throws Exception {
        assertThat(bodyLength(10_000, 600)).isBetween(60L << 20, 64L << 20);
        String answer = send(10_000, 600);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("PAYLOAD_TOO_LARGE").contains("MAX_BULK_ATTRIBUTE_VALUES");
        assertThat(server.process.isAlive()).isTrue();
        assertThat(server.http().get("/health").status()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/entities/e0").status()).isEqualTo(404);
    }

    @Test
    void theLargestBulkWithinTheLimitsFitsTheDefaultHeap() throws Exception {
        // 10,000 items × 49 attributes = 980,000 keys and values: just under MAX_BULK_ATTRIBUTE_VALUES.
        String answer = send(10_000, 49);
        assertThat(answer).as(answer.length() > 500 ? answer.substring(0, 500) : answer).startsWith("HTTP/1.1 202");
        assertThat(answer).contains("\"successful\":10000");
        assertThat(server.process.isAlive()).isTrue();
        assertThat(server.http().get("/health").status()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/entities/e9999").json().at("/attributes/a48").asInt()).isEqualTo(48);
    }
}
