package dev.lodestone.server.http;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, rendered as the error envelope {@code {"error":{"code","message","details"}}}.
 * Thrown anywhere below a handler; the router turns it into the response.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Object details;

    public ApiException(int status, String code, String message, Object details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object details() {
        return details;
    }

    /** 422 naming the field and what is wrong with it. */
    public static ApiException invalidField(String field, String problem) {
        return new ApiException(422, "VALIDATION_ERROR", field + ": " + problem,
                List.of(Map.of("field", field, "problem", problem)));
    }

    /** 400 for a bad query or path value. */
    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "INVALID_REQUEST", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
