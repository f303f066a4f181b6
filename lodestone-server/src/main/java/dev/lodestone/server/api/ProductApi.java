package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.EntityLookup;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.server.ingest.EntityIngest;
import dev.lodestone.server.ingest.EntityJson;
import dev.lodestone.server.ingest.JsonValues;
import dev.lodestone.server.ingest.EntityRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The shop plugins' catalogue sync, {@code /api/v1/products/{tenant}}: an upsert (the plugins send the whole product
 * on every change, never knowing whether Lodestone has it) and a delete. {@code entity_id} may be a JSON integer
 * (WooCommerce ids), {@code entity_type} defaults to {@code product} and attributes whose value is null are left out;
 * otherwise the body is the main API's entity.
 * A delete of a product that is not there is 204 too: the shop's webhook wanted it gone, and it is.
 */
public final class ProductApi {
    static final String PRODUCT_TYPE = EntityLookup.PRODUCT_TYPE;

    private final Engine engine;
    private final EntityIngest ingest;

    public ProductApi(Engine engine, EntityIngest ingest) {
        this.engine = engine;
        this.ingest = ingest;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/products/{tenant}", Access.TENANT, this::upsert),
                new Route("DELETE", "/api/v1/products/{tenant}/{entity_id}", Access.TENANT, this::delete));
    }

    private void upsert(Exchange ex) {
        String tenant = ActingTenant.ofPath(ex, "tenant");
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        if (!body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        ObjectNode product = ((ObjectNode) body).deepCopy();
        JsonNode id = product.get("entity_id");
        if (id != null && id.isIntegralNumber()) product.put("entity_id", JsonValues.idText(id));
        JsonNode type = product.get("entity_type");
        if (type == null || type.isNull()) product.put("entity_type", PRODUCT_TYPE);
        // Shops send what they do not track as null (WooCommerce's stock of a product without stock management,
        // Shopify's image of a product without one): not set, rather than a reason to refuse the whole product.
        if (product.get("attributes") instanceof ObjectNode attributes) {
            List<String> unset = new ArrayList<>();
            attributes.fieldNames().forEachRemaining(name -> {
                if (attributes.get(name).isNull()) unset.add(name);
            });
            attributes.remove(unset);
        }
        Entity entity = EntityRequest.create(product).toEntity(tenant, Timestamps.now());
        ex.respond(200, EntityJson.of(ingest.upsert(entity), false));
    }

    private void delete(Exchange ex) {
        String tenant = ActingTenant.ofPath(ex, "tenant");
        String id = EntityApi.pathId(ex);
        String type = EntityApi.queryType(ex);
        EntityKey key = StorefrontApi.resolve(engine.serving(tenant), id, type);
        if (key != null) ingest.delete(tenant, key);
        ex.noContent();
    }
}
