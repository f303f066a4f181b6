package dev.lodestone.server.ops;

import dev.lodestone.server.auth.Origins;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.RequestFilter;
import io.helidon.http.HeaderNames;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CORS for browser clients ({@code CORS_ALLOWED_ORIGINS}, a comma list; {@code *} allows any origin). Runs before
 * routing and authentication: a preflight is answered here (a browser sends it without the key), and an allowed
 * origin gets its CORS headers on every response — errors included, so scripts can read 401 and 429 bodies. A
 * disallowed origin gets no CORS headers at all (its preflight a 403), so the browser blocks the call.
 */
public final class CorsFilter implements RequestFilter {
    static final String ALLOWED_HEADERS = "Authorization, X-API-Key, Content-Type, X-Tenant-ID, X-Request-Id, Idempotency-Key";
    static final String EXPOSED_HEADERS = "x-request-id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, "
            + "Content-Disposition, Allow";
    static final String ALL_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    static final long MAX_AGE_SECONDS = 600;

    private final boolean anyOrigin;
    private final Set<String> origins;
    /** Whether some publishable key may be used from an origin (see {@link #authenticated}). */
    private final Predicate<String> publishableOrigin;

    public CorsFilter(List<String> allowedOrigins) {
        this(allowedOrigins, origin -> false);
    }

    public CorsFilter(List<String> allowedOrigins, Predicate<String> publishableOrigin) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins.stream().map(CorsFilter::normalise).toList());
        this.publishableOrigin = publishableOrigin;
    }

    @Override
    public boolean before(Exchange ex, Set<String> allowedMethods) {
        var origin = ex.header(HeaderNames.ORIGIN);
        if (origin.isEmpty()) return false;
        var res = ex.response();
        res.header(HeaderNames.VARY, "Origin");
        boolean allowed = anyOrigin || origins.contains(normalise(origin.get()));
        boolean preflight = ex.request().prologue().method().text().equals("OPTIONS") && ex.header(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD).isPresent();
        if (!allowed) {
            // A preflight carries no key: an origin some publishable key allows may send; the request itself is then
            // checked against its key's origins (and answered with CORS headers only if they allow it).
            if (preflight && publishableOrigin.test(origin.get())) {
                preflight(ex, allowedMethods, origin.get());
                return true;
            }
            if (preflight) throw new ApiException(403, "CORS_ORIGIN_NOT_ALLOWED", "origin " + origin.get() + " is not allowed");
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        if (!preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            return false;
        }
        preflight(ex, allowedMethods, origin.get());
        return true;
    }

    private static void preflight(Exchange ex, Set<String> allowedMethods, String origin) {
        var res = ex.response();
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowedMethods.isEmpty() ? ALL_METHODS : methods(allowedMethods));
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(MAX_AGE_SECONDS));
        ex.noContent();
    }

    /**
     * CORS per publishable key: an origin not in {@code CORS_ALLOWED_ORIGINS} is answered with CORS headers when the
     * request's publishable key allows it (the authenticator has refused it otherwise), and on keyless public routes
     * (the widget's A/B events) when some publishable key allows it.
     */
    @Override
    public boolean authenticated(Exchange ex) {
        var origin = ex.header(HeaderNames.ORIGIN);
        if (origin.isEmpty() || anyOrigin || origins.contains(normalise(origin.get()))) return false;
        boolean keyAllows = ex.principal().publishable() && Origins.allowed(ex.principal().allowedOrigins(), origin.get());
        boolean publicRoute = ex.route().access() == Access.PUBLIC && publishableOrigin.test(origin.get());
        if (keyAllows || publicRoute) {
            ex.response().header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            ex.response().header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        return false;
    }

    private static String methods(Set<String> allowed) {
        var all = new java.util.LinkedHashSet<>(allowed);
        if (all.contains("GET")) all.add("HEAD");
        all.add("OPTIONS");
        return String.join(", ", all);
    }

    /** Origins compare case-insensitively in scheme and host, without a trailing slash. */
    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
