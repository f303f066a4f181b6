package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.DefaultInteractionWeights;
import dev.lodestone.core.model.InteractionType;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.core.model.Ids;
import dev.lodestone.server.ingest.InteractionWeights;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.ingest.JsonValues;
import dev.lodestone.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * /api/v1/interaction-types — the tenant's weight registry. Built-in types (view, click, like, add_to_cart,
 * purchase) are always listed; storing one of those names overrides its weight, deleting the override restores it.
 */
public final class InteractionTypeApi {
    private final Store store;
    private final InteractionWeights weights;
    private final KnownTenants tenants;

    public InteractionTypeApi(Store store, InteractionWeights weights, KnownTenants tenants) {
        this.store = store;
        this.weights = weights;
        this.tenants = tenants;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/interaction-types", Access.TENANT, this::upsert),
                new Route("GET", "/api/v1/interaction-types", Access.TENANT, this::list),
                new Route("GET", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, this::get),
                new Route("PUT", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, this::update),
                new Route("DELETE", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, this::delete));
    }

    private void upsert(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        String tenant = ActingTenant.of(ex, body);
        if (!body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        String name = JsonValues.requiredId(body, "interaction_type", Ids::interactionTypeProblem);
        double weight = requiredWeight(body);
        String description = description(body);
        tenants.ensure(tenant);
        var stored = store.upsertInteractionType(tenant, name, weight, description);
        weights.invalidate(tenant);
        ex.respond(201, json(stored));
    }

    private void list(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        var byName = new TreeMap<String, Map<String, Object>>();
        Instant since = store.tenant(tenant).map(Tenant::createdAt).orElse(Instant.EPOCH);
        DefaultInteractionWeights.all().forEach((name, w) -> byName.put(name, builtIn(tenant, name, since)));
        for (InteractionType t : store.interactionTypes(tenant)) byName.put(t.name(), json(t));
        List<Map<String, Object>> items = new ArrayList<>(byName.values());
        ex.respond(200, Map.of("interaction_types", items, "total", items.size()));
    }

    private void get(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String name = pathName(ex);
        ex.respond(200, find(tenant, name).orElseThrow(() -> notFound(name)));
    }

    private void update(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        String tenant = ActingTenant.of(ex, body);
        String name = pathName(ex);
        if (!body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        if (find(tenant, name).isEmpty()) throw notFound(name);
        double weight = requiredWeight(body);
        tenants.ensure(tenant);
        var stored = store.upsertInteractionType(tenant, name, weight, description(body));
        weights.invalidate(tenant);
        ex.respond(200, json(stored));
    }

    private void delete(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String name = pathName(ex);
        if (!store.deleteInteractionType(tenant, name)) {
            if (DefaultInteractionWeights.all().containsKey(name)) {
                throw new ApiException(409, "BUILT_IN_TYPE",
                        "interaction type " + name + " is built in; change its weight with PUT instead");
            }
            throw notFound(name);
        }
        weights.invalidate(tenant);
        ex.noContent();
    }

    private Optional<Map<String, Object>> find(String tenant, String name) {
        var stored = store.interactionType(tenant, name);
        if (stored.isPresent()) return Optional.of(json(stored.get()));
        if (DefaultInteractionWeights.all().containsKey(name)) {
            Instant since = store.tenant(tenant).map(Tenant::createdAt).orElse(Instant.EPOCH);
            return Optional.of(builtIn(tenant, name, since));
        }
        return Optional.empty();
    }

    private static String pathName(Exchange ex) {
        String name = ex.pathParam("interaction_type");
        String problem = Ids.interactionTypeProblem(name);
        if (problem != null) throw ApiException.invalidRequest("interaction_type " + problem);
        return name;
    }

    private static double requiredWeight(JsonNode body) {
        Double w = JsonValues.optionalNumber(body, "weight");
        if (w == null) throw ApiException.invalidField("weight", "is required");
        return w;
    }

    private static String description(JsonNode body) {
        JsonNode d = body.get("description");
        if (d == null || d.isNull()) return null;
        if (!d.isTextual()) throw ApiException.invalidField("description", "must be a string");
        if (d.textValue().length() > 1000) throw ApiException.invalidField("description", "must be at most 1000 characters");
        return JsonValues.string(d.textValue(), "description");
    }

    private static Map<String, Object> json(InteractionType t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", Long.toString(t.id()));
        m.put("tenant_id", t.tenantId());
        m.put("interaction_type", t.name());
        m.put("weight", t.weight());
        if (t.description() != null) m.put("description", t.description());
        m.put("created_at", Timestamps.format(t.createdAt()));
        m.put("updated_at", Timestamps.format(t.updatedAt()));
        return m;
    }

    private static Map<String, Object> builtIn(String tenant, String name, Instant since) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", "builtin:" + name);
        m.put("tenant_id", tenant);
        m.put("interaction_type", name);
        m.put("weight", DefaultInteractionWeights.weightOf(name));
        m.put("description", DefaultInteractionWeights.description(name));
        m.put("built_in", true);
        m.put("created_at", Timestamps.format(since));
        m.put("updated_at", Timestamps.format(since));
        return m;
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("NOT_FOUND", "interaction type " + name + " not found");
    }
}
