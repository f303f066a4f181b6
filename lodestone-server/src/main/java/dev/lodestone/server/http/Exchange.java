package dev.lodestone.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.Ids;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request being answered: path and query access, the body, the tenant it names, and the response. */
public final class Exchange {
    private static final HeaderName TENANT_HEADER = HeaderNames.create("X-Tenant-ID");

    private final ServerRequest request;
    private final TrustedProxies proxies;
    private final ServerResponse response;
    private final Route route;
    private final Map<String, String> pathParams;
    private final String requestId;
    private Principal principal = Principal.ANONYMOUS;
    private String tenant;
    private int status = 200;
    private boolean closeConnection;

    Exchange(ServerRequest request, ServerResponse response, Route route, Map<String, String> pathParams, String requestId,
             TrustedProxies proxies) {
        this.proxies = proxies;
        this.request = request;
        this.response = response;
        this.route = route;
        this.pathParams = pathParams;
        this.requestId = requestId;
    }

    /** The client's address: the socket's peer, or what trusted proxies say it is ({@link TrustedProxies}). */
    public String clientAddress() {
        return proxies.clientAddress(request);
    }

    public ServerRequest request() {
        return request;
    }

    public ServerResponse response() {
        return response;
    }

    public Route route() {
        return route;
    }

    public String requestId() {
        return requestId;
    }

    public Principal principal() {
        return principal;
    }

    void principal(Principal principal) {
        this.principal = principal;
    }

    /** The tenant the request acts on, once decided ({@link #actingTenant(String)}); null before. */
    public String resolvedTenant() {
        return tenant;
    }

    public int status() {
        return status;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> header(HeaderName name) {
        return request.headers().first(name);
    }

    /**
     * A query parameter's value. One given twice is 400: which of two values counts differs between proxies and
     * servers, so a repeated {@code tenant_id} or {@code count} could mean one thing to a gateway and another here.
     */
    public Optional<String> query(String name) {
        var values = request.query().all(name, List::of);
        if (values.size() > 1) throw ApiException.invalidRequest("query parameter " + name + " is given more than once");
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** An integer query parameter in [min, max]; 400 INVALID_REQUEST naming it otherwise. */
    public int queryInt(String name, int defaultValue, int min, int max) {
        var raw = query(name);
        if (raw.isEmpty() || raw.get().isEmpty()) return defaultValue;
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v < min || v > max) throw ApiException.invalidRequest(name + " must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(name + " must be an integer between " + min + " and " + max);
        }
    }

    public double queryDouble(String name, double defaultValue, double min, double max) {
        var raw = query(name);
        if (raw.isEmpty() || raw.get().isEmpty()) return defaultValue;
        try {
            double v = Double.parseDouble(raw.get().trim());
            if (!(v >= min && v <= max)) throw ApiException.invalidRequest(name + " must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(name + " must be a number between " + min + " and " + max);
        }
    }

    public Double queryOptionalDouble(String name) {
        var raw = query(name);
        if (raw.isEmpty() || raw.get().isEmpty()) return null;
        try {
            double v = Double.parseDouble(raw.get().trim());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(name + " must be a number");
        }
    }

    public boolean queryBool(String name, boolean defaultValue) {
        var raw = query(name);
        if (raw.isEmpty() || raw.get().isEmpty()) return defaultValue;
        return switch (raw.get().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.invalidRequest(name + " must be true or false");
        };
    }

    /**
     * The JSON body, at most {@code maxBytes}: 415 for a non-JSON content type, 413 when larger, 400 when not JSON.
     */
    public JsonNode body(long maxBytes) {
        return Json.parse(bodyStream(maxBytes));
    }

    /**
     * A bulk body {@code {"<field>": [item, …], …}} read item by item (see {@link BulkBody}): the items go to
     * {@code sink} one at a time; returns the body's other scalar fields (such as {@code tenant_id}).
     */
    public com.fasterxml.jackson.databind.node.ObjectNode bulkBody(long maxBytes, String field, int maxItems, BulkBody.ItemSink sink) {
        return BulkBody.read(bodyStream(maxBytes), field, maxItems, sink);
    }

    private InputStream bodyStream(long maxBytes) {
        var contentType = request.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isPresent() && !isJson(contentType.get())) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
        }
        var length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > maxBytes) throw tooLarge(maxBytes);
        if (!request.content().hasEntity()) {
            throw new ApiException(400, "INVALID_JSON", "request body is empty; a JSON document is required");
        }
        return new BodyStream(request.content().inputStream(), maxBytes, this);
    }

    /** application/json, or a structured {@code application/…+json} type, with any parameters; nothing else. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json") && type.length() > "application/+json".length());
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "request body exceeds " + maxBytes + " bytes");
    }

    /**
     * The tenant the request names, checked as an id (400 naming where it was otherwise), or null when it names none:
     * {@code X-Tenant-ID}, else {@code tenant_id} in the body, else in the query. Which tenant the request may act on
     * is decided after authentication, in the auth package's {@code ActingTenant}.
     */
    public String namedTenant(JsonNode body) {
        String named = null;
        String source = null;
        var header = header(TENANT_HEADER);
        if (header.isPresent() && !header.get().isBlank()) {
            named = header.get().trim();
            source = "X-Tenant-ID";
        } else if (body != null && body.isObject() && body.has("tenant_id") && !body.get("tenant_id").isNull()) {
            JsonNode t = body.get("tenant_id");
            if (!t.isTextual()) throw ApiException.invalidField("tenant_id", "must be a string");
            named = t.asText();
            source = "tenant_id";
        } else {
            var q = query("tenant_id");
            if (q.isPresent() && !q.get().isEmpty()) {
                named = q.get();
                source = "tenant_id";
            }
        }
        if (named != null) {
            String problem = Ids.tenantProblem(named);
            if (problem != null) throw ApiException.invalidRequest(source + " " + problem);
        }
        return named;
    }

    /** The tenant id in a path parameter (storefront and plugin routes); 400 when it is not a valid tenant id. */
    public String pathTenantId(String param) {
        String named = pathParam(param);
        String problem = Ids.tenantProblem(named);
        if (problem != null) throw ApiException.invalidRequest(param + " " + problem);
        return named;
    }

    /** Records the tenant the request acts on (for the access log), once {@code ActingTenant} decided it. */
    public void actingTenant(String tenantId) {
        this.tenant = tenantId;
    }

    public void respond(int status, Object body) {
        respondJson(status, Json.write(body));
    }

    public void respondJson(int status, byte[] json) {
        this.status = status;
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        BodyDrain.beforeResponse(request, response, closeConnection);
        response.send(json);
    }

    public void respondText(int status, String contentType, String text) {
        this.status = status;
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        BodyDrain.beforeResponse(request, response, closeConnection);
        response.send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void noContent() {
        this.status = 204;
        response.status(204);
        BodyDrain.beforeResponse(request, response, closeConnection);
        response.send();
    }

    /** Marks the status of a streamed response written directly to {@link ServerResponse#outputStream()}. */
    public void streaming(int status) {
        this.status = status;
        response.status(status);
        BodyDrain.beforeResponse(request, response, closeConnection);
    }

    /** The connection must close after this response (the body could not be read to its end). */
    void closeConnection() {
        closeConnection = true;
    }
}
