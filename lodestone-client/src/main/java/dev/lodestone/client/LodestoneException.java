package dev.lodestone.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the server, carrying its envelope {@code {"error":{"code","message","details"}}}, or a failure
 * to reach it ({@code status} 0, the cause set).
 *
 * @see #code() the server's code: a string such as {@code VALIDATION_ERROR}, or {@code "401"} / {@code "429"}
 */
public class LodestoneException extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonNode details;
    private final String requestId;

    public LodestoneException(int status, String code, String message, JsonNode details, String requestId, Throwable cause) {
        super(describe(status, code, message, requestId), cause);
        this.status = status;
        this.code = code;
        this.details = details;
        this.requestId = requestId;
    }

    /** HTTP status, or 0 when no answer came (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** The envelope's code ({@code ENTITY_NOT_FOUND}, {@code VALIDATION_ERROR}, {@code "429"} …), or null. */
    public String code() {
        return code;
    }

    /** The envelope's details (for validation errors a list of {field, problem}), or null. */
    public JsonNode details() {
        return details;
    }

    /** The request id the server answered with (quote it when reporting a problem), or null. */
    public String requestId() {
        return requestId;
    }

    /** The server's message without the status prefix. */
    public String serverMessage() {
        String m = getMessage();
        int i = m.indexOf(": ");
        return i < 0 ? m : m.substring(i + 2);
    }

    private static String describe(int status, String code, String message, String requestId) {
        String head = status == 0 ? "no answer" : "HTTP " + status + (code == null ? "" : " " + code);
        return head + (requestId == null ? "" : " [request " + requestId + "]") + ": " + message;
    }
}
