package dev.lodestone.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * What Helidon answers itself, before routing (a malformed request line, framing or headers, a body over the
 * backstop size): still the API's envelope, and a 4xx for anything the client sent — Helidon's own 5xx for an
 * unsupported transfer coding or HTTP version become 400 — so that no client input is counted as a server error.
 * Overload (503) and Helidon's internal failures keep their status.
 */
final class TransportErrors {
    private TransportErrors() {
    }

    static DirectHandler.TransportResponse handle(DirectHandler.TransportRequest request, DirectHandler.EventType type,
                                                  Status status, ServerResponseHeaders headers, String message) {
        int code = status.code();
        if (type == DirectHandler.EventType.BAD_REQUEST || type == DirectHandler.EventType.HTTP_VERSION_NOT_SUPPORTED
                || code == 501 || code == 505) {
            if (code >= 500) code = 400;
        }
        String errorCode = switch (code) {
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            case 403 -> "FORBIDDEN";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> code >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        String text = code == 503 ? "the server is at its limit of concurrent requests; retry shortly"
                : code >= 500 ? "internal error"
                : "bad request: " + (message == null || message.isBlank() ? status.reasonPhrase() : message);
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return DirectHandler.TransportResponse.builder()
                .status(Status.create(code))
                .headers(headers)
                .entity(ErrorBody.json(code, errorCode, text))
                .build();
    }
}
