package dev.lodestone.server.openapi;

import dev.lodestone.server.http.Access;

import java.util.List;

/**
 * The documentation of one route (method + template): what {@link OpenApiDocument} turns into an operation.
 *
 * @param requestSchema  component schema name of the JSON body, or null
 * @param responseSchema component schema name of the success body, or null (no body, or {@code responseType} text)
 * @param responseType   media type of the success body
 * @param errors         statuses the route answers with the error envelope, beyond those every keyed route has
 */
public record RouteDoc(String method, String template, Access access, String tag, String summary, List<Param> query,
                       String requestSchema, int status, String responseSchema, String responseType, List<Integer> errors) {

    /** A query parameter. */
    public record Param(String name, String type, String description, Object defaultValue) {
    }
}
