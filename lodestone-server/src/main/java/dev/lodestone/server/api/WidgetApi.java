package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import io.helidon.http.HeaderNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code GET /widget.js}: the storefront widget script (a resource of the server, no build step), public like any
 * script a shop page loads. Cached by browsers for five minutes and revalidated by its ETag, so a new server version
 * reaches shops' pages within minutes.
 */
public final class WidgetApi {
    private static final String RESOURCE = "/dev/lodestone/server/widget/widget.js";
    private static final String CACHE_CONTROL = "public, max-age=300";

    private final String script;
    private final String etag;

    public WidgetApi() {
        try (InputStream in = WidgetApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the jar");
            byte[] bytes = in.readAllBytes();
            this.script = new String(bytes, StandardCharsets.UTF_8);
            this.etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/widget.js", Access.PUBLIC, this::serve));
    }

    private void serve(Exchange ex) {
        var res = ex.response();
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        boolean fresh = ex.header(HeaderNames.IF_NONE_MATCH)
                .map(v -> List.of(v.split(",")).stream().map(String::trim).anyMatch(t -> t.equals(etag) || t.equals("*") || t.equals("W/" + etag)))
                .orElse(false);
        if (fresh) {
            ex.streaming(304);
            res.send();
            return;
        }
        ex.respondText(200, "application/javascript; charset=utf-8", script);
    }
}
