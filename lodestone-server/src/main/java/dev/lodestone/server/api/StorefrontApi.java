package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.ComplementQuery;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.ListQuery;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;
import dev.lodestone.core.filter.CategoryMatch;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.EntityLookup;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.ingest.JsonValues;
import dev.lodestone.core.model.Ids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storefront widget's reads, {@code /api/v1/recommendations/{tenant}/…}: the tenant is in the path and the answer
 * is a bare array of products ({@code entity_id}, {@code entity_type}, {@code score}, {@code attributes}) instead of
 * the main API's envelope. Answered by the same engine calls (and so the same result cache) as the main API.
 *
 * <p>A shop page must always show something: an unknown product (not synced yet) gets trending products on
 * {@code similar} and the popular fill on {@code complement}; an unknown shopper (an anonymous id the widget made up)
 * gets the cold-start blend of trending and popular. Product ids resolve by {@link EntityLookup#findProduct}: the
 * type {@code product} when the id exists under several types, else the one type they have.
 */
public final class StorefrontApi {
    static final String PREFIX = "/api/v1/recommendations/{tenant}";
    static final int DEFAULT_COUNT = 5;
    static final int MAX_IDS = 100;

    private final Engine engine;
    private final int maxCount;

    public StorefrontApi(Engine engine, int maxCount) {
        this.engine = engine;
        this.maxCount = maxCount;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", PREFIX + "/similar/{entity_id}", Access.STOREFRONT, this::similar),
                new Route("GET", PREFIX + "/trending", Access.STOREFRONT, this::trending),
                new Route("GET", PREFIX + "/personalized/{user_id}", Access.STOREFRONT, this::personalized),
                new Route("GET", PREFIX + "/complement/{entity_id}", Access.STOREFRONT, this::complement),
                new Route("POST", PREFIX + "/bundle", Access.STOREFRONT, this::bundle),
                new Route("POST", PREFIX + "/batch", Access.STOREFRONT, this::batch));
    }

    private void similar(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        String id = EntityApi.pathId(ex);
        int count = count(ex);
        EntityKey source = resolve(model, id, EntityApi.queryType(ex));
        List<Recommendation> items = source == null ? List.of() : model.similar(new SimilarQuery(source, count, 0,
                Algorithm.HYBRID, source.type(), null, Set.of(), 0)).map(l -> l.items()).orElse(List.of());
        if (source == null) items = model.trending(new ListQuery(count, 0, EntityApi.queryType(ex), null, 0));
        respond(ex, model, items);
    }

    private void trending(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        var category = ex.query("category").map(String::trim).filter(c -> !c.isEmpty()).orElse(null);
        if (category != null && category.length() > 255) throw ApiException.invalidRequest("category must be at most 255 characters");
        var query = new ListQuery(count(ex), 0, EntityApi.queryType(ex), category == null ? null : new CategoryMatch(category), 0);
        respond(ex, model, model.trending(query));
    }

    private void personalized(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        String user = ex.pathParam("user_id");
        String problem = Ids.idProblem(user);
        if (problem != null) throw ApiException.invalidRequest("user_id " + problem);
        var query = new UserQuery(user, count(ex), 0, Algorithm.HYBRID, null, EntityApi.queryType(ex), null,
                Set.of(), true, 0);
        respond(ex, model, model.recommend(query).items());
    }

    private void complement(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        String id = EntityApi.pathId(ex);
        EntityKey source = resolve(model, id, EntityApi.queryType(ex));
        var basket = source == null ? List.<EntityKey>of() : List.of(source);
        var query = new ComplementQuery(basket, count(ex), 0, source == null ? null : source.type(), null, Set.of(id));
        respond(ex, model, model.complements(query));
    }

    private void bundle(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        List<String> ids = productIds(body);
        int count = DEFAULT_COUNT;
        JsonNode c = body.get("count");
        if (c != null && !c.isNull()) {
            if (!c.canConvertToInt() || !c.isIntegralNumber() || c.intValue() < 1 || c.intValue() > maxCount) {
                throw ApiException.invalidField("count", "must be an integer between 1 and " + maxCount);
            }
            count = c.intValue();
        }
        List<EntityKey> basket = new ArrayList<>();
        String type = null;
        for (String id : ids) {
            EntityKey key = resolve(model, id, null);
            if (key == null) continue;
            basket.add(key);
            if (type == null) type = key.type();
        }
        respond(ex, model, model.complements(new ComplementQuery(basket, count, 0, type, null, Set.copyOf(ids))));
    }

    private void batch(Exchange ex) {
        TenantModel model = engine.serving(ActingTenant.ofPath(ex, "tenant"));
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : productIds(body)) {
            EntityKey key = resolve(model, id, null);
            if (key == null) continue;
            var attributes = model.attributes(key);
            if (attributes.isEmpty()) continue;
            out.add(product(key.id(), key.type(), 1.0, attributes.get()));
        }
        ex.respond(200, out);
    }

    /** {@code product_ids}: 1..100 ids, strings or (as shop plugins send them) integers; duplicates dropped. */
    static List<String> productIds(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        JsonNode ids = body.get("product_ids");
        if (ids == null || !ids.isArray()) throw ApiException.invalidField("product_ids", "is required (an array of product ids)");
        if (ids.isEmpty() || ids.size() > MAX_IDS) throw ApiException.invalidField("product_ids", "must hold 1 to " + MAX_IDS + " ids");
        var out = new LinkedHashSet<String>();
        for (JsonNode id : ids) {
            String text = JsonValues.idText(id);
            String problem = text == null ? "must be strings or integers" : Ids.idProblem(text);
            if (problem != null) throw ApiException.invalidField("product_ids", "ids " + problem);
            out.add(text);
        }
        return List.copyOf(out);
    }

    /** The key of a product id ({@link EntityLookup#findProduct}); null when the id names nothing. */
    static EntityKey resolve(TenantModel model, String id, String type) {
        return EntityLookup.findProduct(id, type, model.entityTypesOf(id)).orElse(null);
    }

    private int count(Exchange ex) {
        return ex.queryInt("count", DEFAULT_COUNT, 1, maxCount);
    }

    private static void respond(Exchange ex, TenantModel model, List<Recommendation> items) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Recommendation r : items) {
            var attributes = model.attributes(new EntityKey(r.entityType(), r.entityId())).orElse(Map.of());
            out.add(product(r.entityId(), r.entityType(), r.score(), attributes));
        }
        ex.respond(200, out);
    }

    private static Map<String, Object> product(String id, String type, double score, Map<String, Object> attributes) {
        var m = new LinkedHashMap<String, Object>();
        m.put("entity_id", id);
        m.put("entity_type", type);
        m.put("score", score);
        m.put("attributes", attributes);
        return m;
    }
}
