package dev.lodestone.server.http;

import dev.lodestone.core.model.InvalidInput;

import java.util.List;
import java.util.Map;

/**
 * A request the API refuses, rendered as the error envelope {@code {"error":{"code","message","details"}}}.
 * Thrown anywhere below a handler; the router turns it into the response.
 */
public final class ApiException extends InvalidInput {
    private final int status;

    public ApiException(int status, String code, String message, Object details) {
        super(code, message, details);
        this.status = status;
    }

    /** The API's answer to input the domain refused (thrown below the API layer, which knows no HTTP). */
    public static ApiException of(InvalidInput refused) {
        if (refused instanceof ApiException api) return api;
        int status = switch (refused.code()) {
            case InvalidInput.AMBIGUOUS_ENTITY -> 400;
            case InvalidInput.ENTITY_NOT_FOUND -> 404;
            default -> 422;
        };
        return new ApiException(status, refused.code(), refused.getMessage(), refused.details());
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
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
