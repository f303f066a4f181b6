package dev.lodestone.server.api;

import dev.lodestone.core.model.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
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
import dev.lodestone.server.ingest.EntityRequest;
import dev.lodestone.core.model.Ids;
import dev.lodestone.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/entities */
public final class EntityApi {
    private final Store store;
    private final EntityIngest ingest;

    public EntityApi(Store store, EntityIngest ingest) {
        this.store = store;
        this.ingest = ingest;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/entities", Access.TENANT, this::create),
                new Route("POST", "/api/v1/entities/bulk", Access.TENANT, this::bulk),
                new Route("GET", "/api/v1/entities/{entity_id}", Access.TENANT, this::get),
                new Route("PUT", "/api/v1/entities/{entity_id}", Access.TENANT, this::replace),
                new Route("DELETE", "/api/v1/entities/{entity_id}", Access.TENANT, this::delete));
    }

    private void create(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        String tenant = ActingTenant.of(ex, body);
        Entity entity = EntityRequest.create(body).toEntity(tenant, Timestamps.now());
        if (!ingest.create(entity)) {
            throw new ApiException(409, "ENTITY_EXISTS",
                    "entity " + entity.entityId() + " of type " + entity.entityType() + " exists; use PUT to replace it");
        }
        ex.respond(201, EntityJson.of(entity, ex.queryBool("include_vector", false)));
    }

    private void get(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        Entity entity = resolve(ex, tenant);
        ex.respond(200, EntityJson.of(entity, ex.queryBool("include_vector", false)));
    }

    private void replace(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        String tenant = ActingTenant.of(ex, body);
        String id = pathId(ex);
        boolean upsert = ex.queryBool("upsert", false);
        String type = queryType(ex);
        if (type == null) {
            // without a type only an existing entity can be replaced: the id must name exactly one
            var existing = EntityLookup.find(id, null, typesOf(store.entitiesWithId(tenant, id)));
            if (existing.isEmpty()) {
                if (!upsert) throw EntityLookup.notFound(id);
                throw ApiException.invalidRequest("entity_type is required to create entity " + id + " with upsert=true");
            }
            type = existing.get().type();
        }
        Entity entity = EntityRequest.replace(body, type, id).toEntity(tenant, Timestamps.now());
        Entity stored = upsert ? ingest.upsert(entity) : ingest.replace(entity).orElseThrow(() -> EntityLookup.notFound(id));
        ex.respond(200, EntityJson.of(stored, ex.queryBool("include_vector", false)));
    }

    private void delete(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        Entity entity = resolve(ex, tenant);
        if (!ingest.delete(tenant, entity.key())) throw EntityLookup.notFound(entity.entityId());
        ex.noContent();
    }

    private void bulk(Exchange ex) {
        var now = Timestamps.now();
        var rules = new BulkItems("entities", ex.principal());
        List<Parsed> parsed = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        int[] total = new int[1];
        JsonNode top = ex.bulkBody(Limits.MAX_BULK_BODY_BYTES, "entities", Limits.MAX_BULK_ITEMS, (index, item) -> {
            total[0]++;
            rules.charge(item);
            if (item.isObject()) rules.checkItemTenant(index, item);
            try {
                EntityRequest request = EntityRequest.create(item);
                parsed.add(new Parsed(request, BulkItems.itemTenant(item)));
            } catch (InvalidInput e) {
                var err = new LinkedHashMap<String, Object>();
                err.put("entity_id", BulkItems.echo(item, "entity_id"));
                err.put("entity_type", BulkItems.echo(item, "entity_type"));
                err.put("error", e.getMessage());
                errors.add(err);
            }
        });
        String tenant = ActingTenant.of(ex, top);
        // Items are upserts applied in order: a repeated key keeps its first position and its last value.
        var byTenant = new LinkedHashMap<String, LinkedHashMap<EntityKey, Entity>>();
        for (Parsed p : parsed) {
            Entity e = p.request().toEntity(rules.tenantOf(tenant, p.tenant()), now);
            byTenant.computeIfAbsent(e.tenantId(), t -> new LinkedHashMap<>()).put(e.key(), e);
        }
        parsed.clear();
        for (var group : byTenant.entrySet()) ingest.upsertAll(group.getKey(), new ArrayList<>(group.getValue().values()));
        ex.respond(202, BulkResult.of(total[0], total[0] - errors.size(), errors));
    }

    private record Parsed(EntityRequest request, String tenant) {
    }

    /** The entity named by the path and the optional entity_type query ({@link EntityLookup}'s main-API rule). */
    private Entity resolve(Exchange ex, String tenant) {
        String id = pathId(ex);
        List<Entity> found = store.entitiesWithId(tenant, id);
        EntityKey key = EntityLookup.require(id, queryType(ex), typesOf(found));
        return found.stream().filter(e -> e.entityType().equals(key.type())).findFirst().orElseThrow();
    }

    private static List<String> typesOf(List<Entity> entities) {
        return entities.stream().map(Entity::entityType).toList();
    }

    static String pathId(Exchange ex) {
        String id = ex.pathParam("entity_id");
        String problem = Ids.idProblem(id);
        if (problem != null) throw ApiException.invalidRequest("entity_id " + problem);
        return id;
    }

    static String queryType(Exchange ex) {
        var t = ex.query("entity_type");
        if (t.isEmpty() || t.get().isEmpty()) return null;
        String problem = Ids.entityTypeProblem(t.get());
        if (problem != null) throw ApiException.invalidRequest("entity_type " + problem);
        return t.get();
    }

}
