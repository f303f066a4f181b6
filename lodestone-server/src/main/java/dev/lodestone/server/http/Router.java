package dev.lodestone.server.http;

import dev.lodestone.core.model.InvalidInput;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.common.socket.SocketWriterException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our own route table on top of one Helidon handler, so that every answer — unknown route, wrong method, bad
 * path encoding, auth failure, handler error — goes through the same envelope, request id and metrics.
 */
public final class Router implements io.helidon.webserver.http.Handler {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    public static final String UNMATCHED_ROUTE = "unmatched";
    private static final java.util.regex.Pattern ABSOLUTE_FORM = java.util.regex.Pattern.compile("(?i)https?://[^/?#]*");

    private final List<Route> routes;
    private final Authentication authenticator;
    private final List<RequestFilter> filters;
    private final List<RequestListener> listeners;
    private final TrustedProxies proxies;

    public Router(List<Route> routes, Authentication authenticator, List<RequestFilter> filters, List<RequestListener> listeners) {
        this(routes, authenticator, filters, listeners, TrustedProxies.NONE);
    }

    public Router(List<Route> routes, Authentication authenticator, List<RequestFilter> filters, List<RequestListener> listeners,
                  TrustedProxies proxies) {
        this.proxies = proxies;
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
        this.filters = List.copyOf(filters);
        this.listeners = List.copyOf(listeners);
    }

    public List<Route> routes() {
        return routes;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        String requestId = requestId(req);
        res.header(REQUEST_ID, requestId);
        String method = req.prologue().method().text();
        if (method.equals("HEAD")) HeadResponse.withoutBody(res);
        Exchange exchange = null;
        String template = UNMATCHED_ROUTE;
        boolean clientGone = false;
        try {
            String rawPath = originForm(req.path().rawPathNoParams());
            String[] path = splitPath(rawPath);
            Route route = null;
            Map<String, String> params = null;
            var allowed = new LinkedHashSet<String>();
            String pathTemplate = null;
            for (Route r : routes) {
                var p = r.match(path);
                if (p == null) continue;
                allowed.add(r.method());
                if (pathTemplate == null) pathTemplate = r.template();
                if (route == null && (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET")))) {
                    route = r;
                    params = p;
                }
            }
            // A path that exists is counted under its template even when the method is wrong (405).
            if (pathTemplate != null) template = route != null ? route.template() : pathTemplate;
            exchange = new Exchange(req, res, route, params == null ? Map.of() : params, requestId, proxies);
            for (RequestFilter f : filters) {
                if (f.before(exchange, allowed)) return;
            }
            if (route == null) {
                if (allowed.isEmpty()) throw new ApiException(404, "NOT_FOUND", "no route for " + method + " " + rawPath);
                res.header(HeaderNames.ALLOW, String.join(", ", allowed));
                throw new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed here; allowed: " + String.join(", ", allowed));
            }
            exchange.principal(authenticator.authenticate(exchange, route.access()));
            for (RequestFilter f : filters) {
                if (f.authenticated(exchange)) return;
            }
            route.handler().handle(exchange);
        } catch (InvalidInput refused) {
            ApiException e = ApiException.of(refused);
            sendError(req, res, exchange, e.status(), e.code(), e.getMessage(), e.details());
        } catch (RequestException e) {
            // Helidon's own refusal of what the client sent (framing, limits) surfacing inside a handler: the client's error.
            var api = BodyStream.clientError(e);
            if (exchange != null) exchange.closeConnection();
            sendError(req, res, exchange, api.status(), api.code(), api.getMessage(), null);
        } catch (ServerConnectionException | SocketWriterException e) {
            // The connection failed under the response (the client went away): nothing to answer, nothing to log.
            clientGone = true;
            throw new CloseConnectionException("connection lost while answering", e);
        } catch (Exception | StackOverflowError e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof InvalidInput)) root = root.getCause();
            if (root instanceof InvalidInput refused) {
                ApiException api = ApiException.of(refused);
                sendError(req, res, exchange, api.status(), api.code(), api.getMessage(), api.details());
            } else {
                log.error("request {} {} {} failed", requestId, method, req.path().rawPathNoParams(), e);
                sendError(req, res, exchange, 500, "INTERNAL_ERROR", "internal error; quote request id " + requestId, null);
            }
        } finally {
            // 499 (nginx's "client closed request") when there was nobody left to answer.
            int status = clientGone ? 499 : exchange != null ? exchange.status() : res.status().code();
            long nanos = System.nanoTime() - start;
            for (RequestListener l : listeners) {
                try {
                    l.completed(exchange, method, template, status, nanos);
                } catch (RuntimeException e) {
                    log.warn("request listener failed", e);
                }
            }
            // A kept-alive connection whose next request is already buffered would otherwise be served again at once,
            // ahead of connections that waited longer: yielding the carrier keeps service fair under many connections.
            if (Thread.currentThread().isVirtual()) Thread.yield();
        }
        // Helidon marks such a response "Connection: close" but would go on reading the connection, so an unread
        // body would be parsed as further requests (request smuggling): end the connection here.
        if (res.isSent() && res.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("response closes the connection");
        }
    }

    private static void sendError(ServerRequest req, ServerResponse res, Exchange exchange, int status, String code,
                                  String message, Object details) {
        if (res.isSent()) return;
        byte[] body = Json.write(ErrorBody.of(status, code, message, details));
        if (status == 408 && exchange != null) exchange.closeConnection();
        try {
            if (exchange != null) {
                exchange.respondJson(status, body);
            } else {
                res.status(status);
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                BodyDrain.beforeResponse(req, res, false);
                res.send(body);
            }
        } catch (RuntimeException e) {
            // The connection is gone (a timed-out client, a dropped one): no one to answer.
            throw new CloseConnectionException("could not send the error response", e);
        }
    }

    private static String requestId(ServerRequest req) {
        var given = req.headers().first(REQUEST_ID);
        if (given.isPresent()) {
            String id = given.get();
            if (!id.isEmpty() && id.length() <= 200 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) return id;
        }
        // Not UUID.randomUUID(): its SecureRandom is a point of contention under load, and ids need not be secret.
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    /**
     * The path of a request target. HTTP/1.1 servers must accept the absolute form ({@code GET http://host/path}) that
     * clients send to proxies; Helidon hands it over whole, so its scheme and authority are dropped here.
     */
    static String originForm(String target) {
        var absolute = ABSOLUTE_FORM.matcher(target);
        if (!absolute.lookingAt()) return target;
        String path = target.substring(absolute.end());
        return path.isEmpty() ? "/" : path;
    }

    private static String[] splitPath(String rawPath) {
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] parts = p.split("/", -1);
        List<String> decoded = new ArrayList<>(parts.length);
        for (String part : parts) decoded.add(PathCodec.decodeSegment(part));
        return decoded.toArray(String[]::new);
    }
}
