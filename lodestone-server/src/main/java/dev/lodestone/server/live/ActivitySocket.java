package dev.lodestone.server.live;

import dev.lodestone.core.model.Ids;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.auth.Origins;
import dev.lodestone.server.http.Principal;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.ErrorBody;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Json;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.http.TrustedProxies;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /ws/activity}: the live-activity WebSocket of the storefront widget. A connection is admitted at the
 * handshake: a key (header, or query {@code api_key} since a browser cannot set headers on a WebSocket; a publishable
 * key only from its allowed origins), or, without a key, a page origin that one tenant's publishable key allows; a
 * tenant (the key's; else query {@code tenant_id} or {@code X-Tenant-ID}; else {@code default}); and a free slot
 * among the key's connections. A refused connection is told why in an {@code {"type":"error"}} message and closed with code
 * 4000 + the HTTP status the same refusal has elsewhere (4401, 4403, 4429): browsers see close codes, never the
 * status of a refused handshake. A plain GET of the path answers 426.
 *
 * <p>Missing and invalid keys spend the client address's failure budget ({@code AUTH_FAILURES_PER_MINUTE}) exactly as
 * on HTTP routes, and the budget is shared with them. Once it is spent the upgrade itself is refused with an HTTP 429
 * (and {@code Retry-After}), before any key lookup, so that guessing keys over sockets costs what it costs over HTTP.
 * The budget needs the client's address, which Helidon gives a request filter but not a WebSocket listener: the
 * {@link #handshakeFilter handshake filter} checks the handshake and hands its verdict to the connection's listener,
 * which Helidon calls inside the filter chain on the same thread.
 */
public final class ActivitySocket {
    public static final String PATH = "/ws/activity";
    private static final HeaderName API_KEY_HEADER = HeaderNames.create("X-API-Key");
    private static final HeaderName TENANT_HEADER = HeaderNames.create("X-Tenant-ID");

    private final ActivityHub hub;
    private final Authenticator authenticator;
    private final LiveLimits limits;
    private final ConcurrentHashMap<String, Integer> connectionsPerKey = new ConcurrentHashMap<>();
    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();

    public ActivitySocket(ActivityHub hub, Authenticator authenticator, LiveLimits limits) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.limits = limits;
        hub.everyTick(this::sweep);
    }

    /** Who a connection serves: its tenant, and the key whose connection slot it holds. */
    public record Admission(String tenantId, String keyId) {
    }

    /** The handshake filter's verdict on one upgrade: admitted (a slot is still to be taken), or refused and why. */
    sealed interface Verdict {
        record Admitted(Admission admission) implements Verdict {
        }

        record Refused(ApiException why) implements Verdict {
        }
    }

    /**
     * Set by the handshake filter while Helidon upgrades the connection and calls the listener (on the filter's thread;
     * a ThreadLocal, as the project's Java release, 21, has scoped values only as a preview).
     */
    private static final ThreadLocal<Verdict> VERDICT = new ThreadLocal<>();

    public void register(WsRouting.Builder routing) {
        routing.endpoint(PATH, () -> new LiveConnection(this, hub, limits));
    }

    /** The plain HTTP side of the path: an upgrade is needed. */
    public List<Route> routes() {
        return List.of(new Route("GET", PATH, Access.PUBLIC, this::plainRequest));
    }

    public int openConnections() {
        return open.size();
    }

    private void plainRequest(Exchange ex) {
        boolean upgrade = ex.header(HeaderNames.UPGRADE).map(v -> v.equalsIgnoreCase("websocket")).orElse(false);
        if (!upgrade) {
            ex.response().header(HeaderNames.UPGRADE, "websocket");
            throw new ApiException(426, "UPGRADE_REQUIRED", PATH + " is a WebSocket: connect with ws:// or wss://");
        }
        throw new ApiException(400, "BAD_REQUEST", "WebSocket handshake failed: send Sec-WebSocket-Key and Sec-WebSocket-Version: 13");
    }

    /**
     * Checks every WebSocket upgrade of {@link #PATH} before Helidon switches protocols: a handshake that finds the
     * client address's failure budget spent is answered 429 here (no upgrade); any other verdict goes to the
     * connection's listener ({@link #admit}), which tells refusals over the socket.
     */
    public Filter handshakeFilter(TrustedProxies proxies) {
        return (chain, request, response) -> {
            if (!isUpgrade(request)) {
                chain.proceed();
                return;
            }
            String[] retryAfter = {null};
            Verdict verdict;
            try {
                verdict = new Verdict.Admitted(check(request.headers(), request.query(), () -> proxies.clientAddress(request),
                        seconds -> retryAfter[0] = seconds));
            } catch (ApiException e) {
                if (e.status() == 429) {
                    refuseUpgrade(response, e, retryAfter[0]);
                    return;
                }
                verdict = new Verdict.Refused(e);
            }
            VERDICT.set(verdict);
            try {
                chain.proceed();
            } finally {
                VERDICT.remove();
            }
        };
    }

    private static boolean isUpgrade(ServerRequest request) {
        return request.path().rawPathNoParams().equals(PATH)
                && request.headers().first(HeaderNames.UPGRADE).map(v -> v.equalsIgnoreCase("websocket")).orElse(false);
    }

    private static void refuseUpgrade(ServerResponse response, ApiException e, String retryAfter) {
        response.status(e.status());
        if (retryAfter != null) response.header(HeaderNames.RETRY_AFTER, retryAfter);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(Json.write(ErrorBody.of(e.status(), e.code(), e.getMessage(), e.details())));
    }

    /**
     * The handshake filter's verdict on this connection, with a connection slot of its key taken; the 4xx as
     * ApiException when refused.
     */
    Admission admit() {
        Verdict verdict = VERDICT.get();
        Admission admission = switch (verdict) {
            case Verdict.Admitted(Admission a) -> a;
            case Verdict.Refused(ApiException why) -> throw why;
            case null -> throw new ApiException(400, "BAD_REQUEST", "the handshake was not checked");
        };
        boolean[] taken = new boolean[1];
        connectionsPerKey.compute(admission.keyId(), (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= limits.connectionsPerKey()) return n;
            taken[0] = true;
            return count + 1;
        });
        if (!taken[0]) throw tooManyConnections();
        return admission;
    }

    void opened(LiveConnection connection) {
        open.add(connection);
    }

    /** Gives back the connection's slot; called once per admitted connection. */
    void closed(LiveConnection connection) {
        open.remove(connection);
        Admission admission = connection.admission();
        if (admission == null) return;
        connectionsPerKey.computeIfPresent(admission.keyId(), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** At shutdown: open sockets would otherwise hold the server's stop until its timeout. */
    public void closeAll() {
        for (LiveConnection c : open) c.goAway(1001, "server shutting down");
    }

    /** The tenant was deleted: its connections are closed (1008), so no page keeps watching what is gone. */
    public void closeTenant(String tenantId) {
        for (LiveConnection c : open) {
            Admission admission = c.admission();
            if (admission != null && admission.tenantId().equals(tenantId)) c.goAway(1008, "tenant deleted");
        }
    }

    /** Once a tick: forgets connections whose client went away, drops slow consumers. */
    private void sweep() {
        long now = hub.now();
        for (LiveConnection c : open) c.sweep(now);
    }

    private Admission check(Headers headers, UriQuery query, Supplier<String> clientAddress, Consumer<String> retryAfter) {
        String asked = first(query, "tenant_id", "tenantId");
        if (asked == null) asked = headers.first(TENANT_HEADER).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String problem = asked == null ? null : Ids.tenantProblem(asked);
        if (problem != null) throw ApiException.invalidRequest("tenant_id " + problem);
        String key = presentedKey(headers, query);
        String origin = headers.first(HeaderNames.ORIGIN).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        if (key == null && origin != null && !authenticator.open()) {
            try {
                return byOrigin(origin, asked);
            } catch (ApiException e) {
                // no tenant's key allows the page: a failed authentication like a missing key
                if (e.status() == 401) authenticator.failedAttempt(clientAddress, retryAfter);
                throw e;
            }
        }
        Principal principal = authenticator.principalOf(key, clientAddress, retryAfter);
        if (principal.publishable() && origin != null && !Origins.allowed(principal.allowedOrigins(), origin)) {
            throw new ApiException(403, "ORIGIN_NOT_ALLOWED", "origin " + origin + " is not an allowed origin of this publishable key");
        }
        return new Admission(ActingTenant.resolve(principal, asked), principal.keyId());
    }

    /**
     * A page whose widget sends no key (the old widget opens the socket bare): its origin stands for the key, when
     * a publishable key of exactly one tenant (or of the tenant it names) allows it. Its connections share one slot
     * count per origin.
     */
    private Admission byOrigin(String origin, String asked) {
        List<String> tenants = authenticator.keys().tenantsAllowingOrigin(origin);
        String tenant = ActingTenant.byOrigin(tenants, asked).orElseThrow(() -> new ApiException(401, "UNAUTHORIZED",
                tenants.isEmpty() ? "send a publishable key (query api_key): no publishable key allows origin " + origin
                        : asked != null ? "send a publishable key (query api_key): no publishable key of tenant " + asked + " allows origin " + origin
                        : "send a publishable key (query api_key) or tenant_id: several tenants allow origin " + origin));
        return new Admission(tenant, "origin:" + Origins.normalise(origin));
    }

    private static ApiException tooManyConnections() {
        return new ApiException(429, "TOO_MANY_CONNECTIONS", "this key has too many live-activity connections open");
    }

    private static String presentedKey(Headers headers, UriQuery query) {
        var auth = headers.first(HeaderNames.AUTHORIZATION);
        if (auth.isPresent()) {
            String v = auth.get().trim();
            if (v.regionMatches(true, 0, "Bearer ", 0, 7)) v = v.substring(7).trim();
            // A widget without a configured key sends "Bearer undefined": that is no key, not a wrong one.
            if (!noKey(v)) return v;
        }
        var header = headers.first(API_KEY_HEADER);
        if (header.isPresent() && !header.get().isBlank()) return header.get().trim();
        String fromQuery = first(query, "api_key", "apiKey", "key");
        return noKey(fromQuery) ? null : fromQuery;
    }

    private static boolean noKey(String v) {
        return v == null || v.isEmpty() || v.equals("undefined") || v.equals("null");
    }

    private static String first(UriQuery query, String... names) {
        for (String name : names) {
            if (query.contains(name)) {
                String v = query.get(name).trim();
                if (!v.isEmpty()) return v;
            }
        }
        return null;
    }
}
