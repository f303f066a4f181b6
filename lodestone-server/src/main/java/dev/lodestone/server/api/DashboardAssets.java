package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's page, script and style, served from the jar: public (they hold no data — every figure is fetched
 * with the key the operator types in), no build step, no separate server.
 */
public final class DashboardAssets {
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private final Map<String, String> assets;

    public DashboardAssets() {
        this.assets = TYPES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(n -> n, DashboardAssets::load));
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/dashboard", Access.PUBLIC, ex -> send(ex, "index.html")),
                new Route("GET", "/dashboard/{asset}", Access.PUBLIC, ex -> send(ex, ex.pathParam("asset").isEmpty() ? "index.html" : ex.pathParam("asset"))));
    }

    private void send(Exchange ex, String name) {
        String text = assets.get(name);
        if (text == null) throw ApiException.notFound("NOT_FOUND", "no dashboard asset " + name);
        ex.response().header("Cache-Control", "no-cache");
        ex.response().header("X-Content-Type-Options", "nosniff");
        ex.respondText(200, TYPES.get(name), text);
    }

    private static String load(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dev/lodestone/server/dashboard/" + name)) {
            if (in == null) throw new IllegalStateException("dashboard asset " + name + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
