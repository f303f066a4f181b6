package dev.lodestone.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What happens to a request body the API did not read (404, 405, 413, 415, a GET with a body…): left on the
 * connection it would be parsed as the next request (request smuggling). A small body of known length is read and
 * dropped so the connection can be kept; anything else — a large or chunked body, one the client waits to send
 * ({@code Expect: 100-continue}), or one whose reading failed — makes the response close the connection.
 */
final class BodyDrain {
    /** Bodies up to this size are drained to keep the connection; larger ones close it. */
    static final long MAX_DRAINED_BYTES = 64 * 1024;

    private BodyDrain() {
    }

    static void beforeResponse(ServerRequest request, ServerResponse response, boolean mustClose) {
        if (mustClose || !drained(request)) response.header(HeaderValues.CONNECTION_CLOSE);
    }

    private static boolean drained(ServerRequest request) {
        var content = request.content();
        if (!content.hasEntity() || content.consumed()) return true;
        var headers = request.headers();
        var length = headers.contentLength();
        if (length.isEmpty() || length.getAsLong() > MAX_DRAINED_BYTES) return false;
        if (headers.contains(HeaderNames.EXPECT)) return false;
        try {
            content.consume();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
