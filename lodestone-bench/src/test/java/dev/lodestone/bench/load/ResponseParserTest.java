package dev.lodestone.bench.load;

import org.junit.jupiter.api.Test;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    /** Feeds the response in pieces of {@code step} bytes; returns the end index reported, relative to the whole. */
    private int feed(String response, int step) throws ProtocolException {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        parser.reset();
        for (int from = 0; from < bytes.length; from += step) {
            int to = Math.min(bytes.length, from + step);
            byte[] piece = new byte[to - from + 3];
            System.arraycopy(bytes, from, piece, 3, to - from); // not at offset 0, as in a shared buffer
            int end = parser.parse(piece, 3, 3 + to - from);
            if (end >= 0) return from + end - 3;
        }
        return -1;
    }

    private void assertEndsAtItsLastByte(String response, int status, boolean closeAfter) throws ProtocolException {
        for (int step = 1; step <= response.length(); step++) {
            assertThat(feed(response, step)).as("in pieces of %d", step).isEqualTo(response.length());
            assertThat(parser.status()).isEqualTo(status);
            assertThat(parser.closeAfter()).isEqualTo(closeAfter);
        }
    }

    @Test
    void contentLengthBodyEndsAtItsLastByteWhateverTheReadBoundaries() throws ProtocolException {
        assertEndsAtItsLastByte("HTTP/1.1 200 OK\r\nDate: x\r\ncontent-LENGTH:  12 \r\nConnection: keep-alive\r\n\r\n{\"ok\":true}\n", 200, false);
        assertEndsAtItsLastByte("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 404, false);
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws ProtocolException {
        assertEndsAtItsLastByte("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                + "5;name=v\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: 1\r\n\r\n", 503, false);
    }

    @Test
    void skipsInterimResponsesAndBodilessStatuses() throws ProtocolException {
        assertEndsAtItsLastByte("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}", 201, false);
        assertEndsAtItsLastByte("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", 204, true);
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheServerCloses() throws ProtocolException {
        assertThat(feed("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nsome body", 4)).isEqualTo(-1);
        assertThat(parser.completesAtClose()).isTrue();
        assertThat(parser.closeAfter()).isTrue();
        // HTTP/1.0 closes unless it says keep-alive
        String keptAlive = "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx";
        assertThat(feed(keptAlive, 7)).isEqualTo(keptAlive.length());
        assertThat(parser.closeAfter()).isFalse();
    }

    @Test
    void knowsWhetherAResponseHasStarted() throws ProtocolException {
        parser.reset();
        assertThat(parser.started()).isFalse();
        parser.parse("HTTP/1.1 2".getBytes(StandardCharsets.US_ASCII), 0, 10);
        assertThat(parser.started()).isTrue();
        assertThat(parser.completesAtClose()).isFalse();
    }

    @Test
    void rejectsWhatIsNotHttp() {
        parser.reset();
        assertThatThrownBy(() -> parser.parse("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII), 0, 17))
                .isInstanceOf(ProtocolException.class);
        parser.reset();
        byte[] badChunk = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parse(badChunk, 0, badChunk.length)).isInstanceOf(ProtocolException.class);
    }
}
