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
 * keyed operation documents 400, 401, 403, 429, 503 and 500; every operation the error envelope for its own statuses.
 * Every operation has a description: the route's own (or its summary) followed by who may call it.
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
            Map.entry(426, "UPGRADE_REQUIRED: a WebSocket path asked without an upgrade"),
            Map.entry(429, "Rate limit exceeded (numeric code 429), with Retry-After; TOO_MANY_CONNECTIONS for a key's sockets"),
            Map.entry(500, "INTERNAL_ERROR (quote the request id)"),
            Map.entry(503, "NOT_READY: the node is still loading its models; STORE_UNAVAILABLE: the store is down, nothing"
                    + " was stored; STORE_OUTCOME_UNKNOWN: the store went down while committing this write (all with Retry-After: 1)"));
    private static final String READY_503 = "Not ready: the failing check, or shutdown: in_progress";
    /** What each text media type carries, for a success body that is not one JSON value. */
    private static final Map<String, String> TEXT_BODIES = Map.of(
            "application/x-ndjson", "One JSON object per line (the same objects as the application/json array), LF-terminated.",
            "text/csv", "RFC 4180 CSV with a header row and CRLF line ends; attributes and metadata are JSON text columns.",
            "text/plain", "Plain text.");

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(String version) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Lodestone", "version", version,
                "description", "Self-hosted, multi-tenant recommendation engine. Errors use one envelope "
                        + "{\"error\":{\"code\",\"message\",\"details\"}}; every response carries x-request-id."));
        doc.put("servers", List.of(Map.of("url", "{scheme}://{host}:{port}",
                "description", "A Lodestone node (HOST and PORT; the defaults are a local node)",
                "variables", Map.of("scheme", Map.of("default", "http", "enum", List.of("http", "https")),
                        "host", Map.of("default", "127.0.0.1"), "port", Map.of("default", "8080")))));
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
        op.put("description", description(route));
        op.put("operationId", operationId(route));
        if (route.access() == Access.PUBLIC) op.put("security", List.of());
        op.put("parameters", parameters(route));
        if (route.requestSchema() != null) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", ref(route.requestSchema())))));
        }
        var responses = new LinkedHashMap<String, Object>();
        var success = new LinkedHashMap<String, Object>();
        success.put("description", switch (route.status()) {
            case 101 -> "Switching Protocols: the WebSocket is open";
            case 204 -> "Done, no body";
            default -> "Success";
        });
        success.put("headers", successHeaders(route));
        if (route.responseType() != null) {
            var content = new LinkedHashMap<String, Object>();
            for (String type : route.responseType().split(",\\s*")) {
                Object schema = type.equals("application/json") && route.responseSchema() != null
                        ? ref(route.responseSchema())
                        : Map.of("type", "string", "description", TEXT_BODIES.getOrDefault(type, "Text."));
                content.put(type, Map.of("schema", schema));
            }
            success.put("content", content);
        }
        responses.put(Integer.toString(route.status()), success);
        var errorStatuses = new java.util.TreeSet<>(route.errors());
        if (route.access() != Access.PUBLIC) errorStatuses.addAll(List.of(400, 401, 403, 429, 503));
        errorStatuses.add(500);
        for (int status : errorStatuses) {
            boolean ready = status == 503 && route.access() == Access.PUBLIC;
            var response = new LinkedHashMap<String, Object>();
            response.put("description", ready ? READY_503 : REASONS.get(status));
            var headers = new LinkedHashMap<String, Object>();
            headers.put("x-request-id", headerRef("x-request-id"));
            if (status == 429 || (status == 503 && !ready)) headers.put("Retry-After", headerRef("Retry-After"));
            if (status == 429) rateLimitHeaders(headers);
            response.put("headers", headers);
            response.put("content", Map.of("application/json", Map.of("schema", ready ? ref("Ready") : ref("Error"))));
            responses.put(Integer.toString(status), response);
        }
        op.put("responses", responses);
        return op;
    }

    /** The route's description (or summary), then who may call it. */
    static String description(RouteDoc route) {
        String text = route.description() != null && !route.description().isBlank() ? route.description() : route.summary() + ".";
        String who = switch (route.access()) {
            case PUBLIC -> "Public: no key needed.";
            case ADMIN -> "Needs the admin key (API_KEY); a server without API_KEY (loopback only) serves it without a key.";
            case TENANT -> "Any valid key; a tenant key acts on its own tenant only (naming another is 403). The tenant is "
                    + "the key's, else X-Tenant-ID, else tenant_id in the body or query, else default.";
            case STOREFRONT -> "Any valid key, publishable keys (pk_…) included — from their allowed origins only; a tenant key "
                    + "(secret or publishable) acts on its own tenant only (naming another is 403).";
        };
        return text + "\n\n" + who;
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
        for (String header : route.headers()) params.add(Map.of("$ref", "#/components/parameters/" + header));
        boolean tenantInPath = route.template().contains("{tenant}");
        if ((route.access() == Access.TENANT || route.access() == Access.STOREFRONT) && !tenantInPath) {
            params.add(Map.of("$ref", "#/components/parameters/X-Tenant-ID"));
            if (route.requestSchema() == null) params.add(Map.of("$ref", "#/components/parameters/tenant_id"));
        }
        return params;
    }

    private static Map<String, Object> successHeaders(RouteDoc route) {
        var headers = new LinkedHashMap<String, Object>();
        headers.put("x-request-id", headerRef("x-request-id"));
        if (route.access() != Access.PUBLIC) rateLimitHeaders(headers);
        if (route.headers().contains("Idempotency-Key")) headers.put("Idempotent-Replayed", headerRef("Idempotent-Replayed"));
        if (route.responseType() != null && route.responseType().contains("text/csv")) {
            headers.put("Content-Disposition", headerRef("Content-Disposition"));
        }
        return headers;
    }

    private static void rateLimitHeaders(Map<String, Object> headers) {
        for (String h : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) headers.put(h, headerRef(h));
    }

    private static Map<String, Object> headerRef(String name) {
        return Map.of("$ref", "#/components/headers/" + name);
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
