package dev.lodestone.server.openapi;

import dev.lodestone.server.http.Access;

import java.util.ArrayList;
import java.util.List;

/**
 * The documentation of one route (method + template): what {@link OpenApiDocument} turns into an operation.
 *
 * @param requestSchema  component schema name of the JSON body, or null
 * @param responseSchema component schema name of the JSON success body, or null (no body, or only text media types)
 * @param responseType   media types of the success body, comma-separated
 * @param errors         statuses the route answers with the error envelope, beyond those every keyed route has
 * @param description    what the operation does in more words than the summary (limits, side effects), or null
 * @param headers        names of request header parameters in {@code components/parameters} the route reads
 */
public record RouteDoc(String method, String template, Access access, String tag, String summary, List<Param> query,
                       String requestSchema, int status, String responseSchema, String responseType, List<Integer> errors,
                       String description, List<String> headers) {

    public RouteDoc {
        query = List.copyOf(query);
        errors = List.copyOf(errors);
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public RouteDoc(String method, String template, Access access, String tag, String summary, List<Param> query,
                    String requestSchema, int status, String responseSchema, String responseType, List<Integer> errors) {
        this(method, template, access, tag, summary, query, requestSchema, status, responseSchema, responseType, errors, null, List.of());
    }

    /** This route with a longer description. */
    public RouteDoc describe(String text) {
        return new RouteDoc(method, template, access, tag, summary, query, requestSchema, status, responseSchema, responseType,
                errors, text, headers);
    }

    /** This route reading the given request headers (names of {@code components/parameters}). */
    public RouteDoc withHeaders(String... names) {
        var all = new ArrayList<>(headers);
        all.addAll(List.of(names));
        return new RouteDoc(method, template, access, tag, summary, query, requestSchema, status, responseSchema, responseType,
                errors, description, all);
    }

    /** A query parameter. */
    public record Param(String name, String type, String description, Object defaultValue) {
    }
}
