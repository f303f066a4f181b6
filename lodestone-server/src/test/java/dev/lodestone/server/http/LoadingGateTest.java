package dev.lodestone.server.http;

import dev.lodestone.server.auth.Authenticator;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** While models load, the API answers 503 with the envelope and Retry-After; public routes answer as usual. */
class LoadingGateTest {

    @Test
    void apiWaitsForTheModelsPublicRoutesDoNot() throws Exception {
        var loaded = new AtomicBoolean(false);
        var routes = List.of(
                new Route("GET", "/health", Access.PUBLIC, ex -> ex.respondText(200, "text/plain", "OK")),
                new Route("GET", "/api/v1/things", Access.TENANT, ex -> ex.respond(200, java.util.Map.of("ok", true))));
        var router = new Router(routes, new Authenticator(null, null), List.of(new LoadingGate(loaded::get)), List.of());
        WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.any(router)).build().start();
        try {
            var client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            var api = HttpRequest.newBuilder(URI.create(base + "/api/v1/things")).build();
            var health = HttpRequest.newBuilder(URI.create(base + "/health")).build();

            var loading = client.send(api, HttpResponse.BodyHandlers.ofString());
            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(loading.body()).contains("\"code\":\"NOT_READY\"");
            assertThat(loading.headers().firstValue("Retry-After")).contains("1");
            assertThat(client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            loaded.set(true);
            assertThat(client.send(api, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }
}
