package dev.lodestone.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.0 document from {@link ApiDescription} (paths) and {@code components.json} (schemas). Every
 * keyed operation documents 400, 401, 403, 429 and 500; every operation the error envelope for its own statuses.
 */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad request: INVALID_JSON, INVALID_REQUEST (a bad query or path value), AMBIGUOUS_ENTITY"),
            Map.entry(401, "Missing or invalid API key (numeric code 401)"),
            Map.entry(403, "FORBIDDEN: a tenant key naming another tenant, or an admin route without the admin key"),
            Map.entry(404, "Not found (ENTITY_NOT_FOUND, TENANT_NOT_FOUND, KEY_NOT_FOUND, NOT_FOUND)"),
            Map.entry(405, "METHOD_NOT_ALLOWED, with an Allow header"),
            Map.entry(409, "Already exists (ENTITY_EXISTS, TENANT_EXISTS)"),
            Map.entry(413, "PAYLOAD_TOO_LARGE"),
            Map.entry(415, "UNSUPPORTED_MEDIA_TYPE: the body must be application/json"),
            Map.entry(422, "VALIDATION_ERROR naming the field in details"),
            Map.entry(429, "Rate limit exceeded (numeric code 429), with Retry-After"),
            Map.entry(500, "INTERNAL_ERROR (quote the request id)"),
            Map.entry(503, "Not ready: the failing check, or shutdown: in_progress"));

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(String version) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Lodestone", "version", version,
                "description", "Self-hosted, multi-tenant recommendation engine. Errors use one envelope "
                        + "{\"error\":{\"code\",\"message\",\"details\"}}; every response carries x-request-id."));
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of("apiKey", List.of())));
        var paths = new LinkedHashMap<String, Map<String, Object>>();
        for (RouteDoc route : ApiDescription.routes()) {
            paths.computeIfAbsent(route.template(), t -> new LinkedHashMap<>())
                    .put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        doc.put("paths", paths);
        doc.put("components", components());
        return doc;
    }

    private static Map<String, Object> operation(RouteDoc route) {
        var op = new LinkedHashMap<String, Object>();
        op.put("tags", List.of(route.tag()));
        op.put("summary", route.summary());
        op.put("operationId", operationId(route));
        if (route.access() == Access.PUBLIC) op.put("security", List.of());
        if (route.access() == Access.ADMIN) op.put("description", "Needs the admin key (API_KEY).");
        if (route.access() == Access.STOREFRONT) {
            op.put("description", "Also open to publishable keys (pk_…), from their allowed origins; tenant keys only for their tenant.");
        }
        op.put("parameters", parameters(route));
        if (route.requestSchema() != null) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", ref(route.requestSchema())))));
        }
        var responses = new LinkedHashMap<String, Object>();
        var success = new LinkedHashMap<String, Object>();
        success.put("description", route.status() == 204 ? "Done, no body" : "Success");
        success.put("headers", responseHeaders(route.access()));
        if (route.responseType() != null) {
            var content = new LinkedHashMap<String, Object>();
            for (String type : route.responseType().split(",\\s*")) {
                content.put(type, route.responseSchema() == null ? Map.of("schema", Map.of("type", "string")) : Map.of("schema", ref(route.responseSchema())));
            }
            success.put("content", content);
        }
        responses.put(Integer.toString(route.status()), success);
        var errorStatuses = new java.util.TreeSet<>(route.errors());
        if (route.access() != Access.PUBLIC) errorStatuses.addAll(List.of(400, 401, 403, 429));
        errorStatuses.add(500);
        for (int status : errorStatuses) {
            var body = status == 503 ? ref("Ready") : ref("Error");
            responses.put(Integer.toString(status), Map.of("description", REASONS.get(status),
                    "content", Map.of("application/json", Map.of("schema", body))));
        }
        op.put("responses", responses);
        return op;
    }

    private static List<Object> parameters(RouteDoc route) {
        var params = new ArrayList<Object>();
        Matcher m = PATH_PARAM.matcher(route.template());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string"), "description", "Percent-encoded; any value passing validation round-trips"));
        }
        for (RouteDoc.Param p : route.query()) {
            var schema = new LinkedHashMap<String, Object>();
            schema.put("type", p.type());
            if (p.defaultValue() != null) schema.put("default", p.defaultValue());
            params.add(Map.of("name", p.name(), "in", "query", "required", false, "schema", schema, "description", p.description()));
        }
        params.add(Map.of("$ref", "#/components/parameters/X-Request-Id"));
        boolean tenantInPath = route.template().contains("{tenant}");
        if (route.access() == Access.TENANT && !tenantInPath || route.access() == Access.STOREFRONT && !tenantInPath) {
            params.add(Map.of("$ref", "#/components/parameters/X-Tenant-ID"));
            if (route.requestSchema() == null) params.add(Map.of("$ref", "#/components/parameters/tenant_id"));
        }
        return params;
    }

    private static Map<String, Object> responseHeaders(Access access) {
        var headers = new LinkedHashMap<String, Object>();
        headers.put("x-request-id", Map.of("$ref", "#/components/headers/x-request-id"));
        if (access != Access.PUBLIC) {
            for (String h : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
                headers.put(h, Map.of("$ref", "#/components/headers/" + h));
            }
        }
        return headers;
    }

    private static String operationId(RouteDoc route) {
        var id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String part : route.template().split("[/{}_-]+")) {
            if (part.isEmpty() || part.equals("api") || part.equals("v1")) continue;
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    private static JsonNode components() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("components.json")) {
            if (in == null) throw new IllegalStateException("components.json missing from the jar");
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
