package dev.lodestone.server.http;

import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A HEAD request is answered as its GET would be, without the body. Helidon writes whatever a handler sends, and a
 * body after a HEAD response is read by the client (or a proxy keeping the connection) as the start of the next
 * response. Every response body goes through the response's output stream filter, so it is dropped there. Helidon
 * then sends {@code Content-Length: 0} (it fixes the length of an empty stream), not the GET's length.
 */
final class HeadResponse extends OutputStream {
    private final OutputStream delegate;

    private HeadResponse(OutputStream delegate) {
        this.delegate = delegate;
    }

    /** Makes {@code response} send its status and headers only. */
    static void withoutBody(ServerResponse response) {
        response.streamFilter(HeadResponse::new);
    }

    @Override
    public void write(int b) {
        // dropped: a HEAD response has no body
    }

    @Override
    public void write(byte[] b, int off, int len) {
        // dropped: a HEAD response has no body
    }

    @Override
    public void flush() {
        // nothing to send before close: the headers go out then
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
