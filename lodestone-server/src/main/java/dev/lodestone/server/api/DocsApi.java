package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Json;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.openapi.OpenApiDocument;

import java.util.List;

/** {@code GET /api/docs}: the OpenAPI 3 document, public (it holds no data, and SDK generators fetch it keyless). */
public final class DocsApi {
    private final byte[] document;

    public DocsApi() {
        String version = DocsApi.class.getPackage().getImplementationVersion();
        this.document = Json.write(OpenApiDocument.build(version == null ? "dev" : version));
    }

    public List<Route> routes() {
        return List.of(new Route("GET", "/api/docs", Access.PUBLIC, ex -> ex.respondJson(200, document)));
    }
}
