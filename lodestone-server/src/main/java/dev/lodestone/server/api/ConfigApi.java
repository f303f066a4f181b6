package dev.lodestone.server.api;

import dev.lodestone.server.config.MaskedConfig;
import dev.lodestone.server.config.ServerConfig;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Route;

import java.util.List;

/** {@code GET /api/config} (admin key): the effective configuration with secrets masked. */
public final class ConfigApi {
    private final ServerConfig config;

    public ConfigApi(ServerConfig config) {
        this.config = config;
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/api/config", Access.ADMIN, ex -> ex.respond(200, MaskedConfig.of(config))));
    }
}
