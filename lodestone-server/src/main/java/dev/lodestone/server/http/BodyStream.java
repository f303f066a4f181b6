package dev.lodestone.server.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;

import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the API reads it: at most {@code max} bytes (413 beyond), and every way reading can fail on
 * the client's side — malformed chunk framing, a body that ends before its Content-Length, a read that timed out, a
 * dropped connection — becomes a 4xx for that client, never a 500. Any such failure also closes the connection
 * after the response, since the rest of the body can no longer be told apart from a next request.
 */
final class BodyStream extends InputStream {
    private final InputStream in;
    private final long max;
    private final Exchange exchange;
    private long read;

    BodyStream(InputStream in, long max, Exchange exchange) {
        this.in = in;
        this.max = max;
        this.exchange = exchange;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            exchange.closeConnection();
            throw clientError(e);
        }
        if (n > 0 && (read += n) > max) {
            exchange.closeConnection();
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "request body exceeds " + max + " bytes");
        }
        return n;
    }

    /** Not passed on: closing Helidon's entity stream would wait for more of a body the API has given up on. */
    @Override
    public void close() {
    }

    static ApiException clientError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestException re) {
                int status = re.status().code();
                if (status == 408) return timeout();
                if (status == 413) return new ApiException(413, "PAYLOAD_TOO_LARGE", "request body is too large");
                return new ApiException(400, "BAD_REQUEST", "malformed request body: " + re.getMessage());
            }
            if (t instanceof DataReader.InsufficientDataAvailableException) {
                return new ApiException(400, "BAD_REQUEST", "the request body ended before its announced length");
            }
        }
        return new ApiException(400, "BAD_REQUEST", "the request body could not be read");
    }

    static ApiException timeout() {
        return new ApiException(408, "REQUEST_TIMEOUT", "the request body did not arrive in time");
    }
}
