package dev.lodestone.server.ops;

import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.RequestFilter;
import io.helidon.http.HeaderNames;

import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    public CorsFilter(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.origins = Set.copyOf(allowedOrigins.stream().map(CorsFilter::normalise).toList());
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
            if (preflight) throw new ApiException(403, "CORS_ORIGIN_NOT_ALLOWED", "origin " + origin.get() + " is not allowed");
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        if (!preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowedMethods.isEmpty() ? ALL_METHODS : methods(allowedMethods));
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(MAX_AGE_SECONDS));
        ex.noContent();
        return true;
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
