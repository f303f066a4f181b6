package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.Learner;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.auth.KeyHasher;
import dev.lodestone.server.auth.Origins;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.core.model.Ids;
import dev.lodestone.server.ingest.ReservedTenantIds;
import dev.lodestone.server.tenants.TenantRemoval;
import dev.lodestone.store.Store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admin-only tenant and key management: /api/v1/tenants. */
public final class TenantApi {
    private final Store store;
    private final Engine engine;
    private final Authenticator authenticator;
    private final TenantRemoval removal;

    public TenantApi(Store store, Engine engine, Authenticator authenticator, TenantRemoval removal) {
        this.store = store;
        this.engine = engine;
        this.authenticator = authenticator;
        this.removal = removal;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/tenants", Access.ADMIN, this::create),
                new Route("GET", "/api/v1/tenants", Access.ADMIN, this::list),
                new Route("GET", "/api/v1/tenants/{tenant_id}", Access.ADMIN, this::status),
                new Route("DELETE", "/api/v1/tenants/{tenant_id}", Access.ADMIN, this::delete),
                new Route("POST", "/api/v1/tenants/{tenant_id}/keys", Access.ADMIN, this::createKey),
                new Route("GET", "/api/v1/tenants/{tenant_id}/keys", Access.ADMIN, this::listKeys),
                new Route("DELETE", "/api/v1/tenants/{tenant_id}/keys/{key_id}", Access.ADMIN, this::deleteKey));
    }

    private void create(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        if (!body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        JsonNode idNode = body.get("tenant_id");
        if (idNode == null || !idNode.isTextual()) throw ApiException.invalidField("tenant_id", "is required (a string)");
        String id = idNode.textValue();
        String problem = Ids.tenantProblem(id);
        if (problem == null) problem = ReservedTenantIds.problem(id);
        if (problem != null) throw ApiException.invalidField("tenant_id", problem);
        String name = optionalName(body);
        var tenant = new Tenant(id, name, Timestamps.now());
        if (!store.createTenant(tenant)) throw new ApiException(409, "TENANT_EXISTS", "tenant " + id + " exists");
        ex.respond(201, json(tenant));
    }

    private void list(Exchange ex) {
        var tenants = store.tenants().stream().map(TenantApi::json).toList();
        ex.respond(200, Map.of("tenants", tenants, "total", tenants.size()));
    }

    private void status(Exchange ex) {
        String id = pathTenant(ex);
        Tenant tenant = store.tenant(id)
                .orElseThrow(() -> ApiException.notFound("TENANT_NOT_FOUND", "tenant " + id + " not found"));
        var body = json(tenant);
        var model = new LinkedHashMap<String, Object>();
        var serving = engine.existing(id);
        model.put("entities", serving.map(TenantModel::entityCount).orElse(0L));
        model.put("users", serving.map(TenantModel::userCount).orElse(0L));
        model.put("interactions", serving.map(TenantModel::interactionCount).orElse(0L));
        serving.map(TenantModel::lastRebuild).ifPresent(t -> model.put("last_rebuild", Timestamps.format(t)));
        var learned = new LinkedHashMap<String, Object>();
        Learner.Status s = serving.map(m -> m.learner().status()).orElse(null);
        learned.put("kind", "ease");
        if (s != null && s.trainedAt() != null) {
            learned.put("trained_at", Timestamps.format(s.trainedAt()));
            learned.put("training_seconds", s.trainingMillis() / 1000.0);
            learned.put("size_bytes", s.bytes());
            learned.put("items", s.items());
            learned.put("interactions", s.interactions());
            learned.put("lambda", s.lambda());
            learned.put("learned_share", s.learnedShare());
        }
        learned.put("training", s != null && s.training());
        learned.put("pending_changes", s == null ? 0 : s.pendingChanges());
        if (s != null && s.lastError() != null) learned.put("last_error", s.lastError());
        model.put("learned", learned);
        body.put("model", model);
        ex.respond(200, body);
    }

    private void delete(Exchange ex) {
        String id = pathTenant(ex);
        if (!removal.delete(id)) throw ApiException.notFound("TENANT_NOT_FOUND", "tenant " + id + " not found");
        ex.noContent();
    }

    private void createKey(Exchange ex) {
        String tenant = pathTenant(ex);
        JsonNode body = ex.request().content().hasEntity() ? ex.body(Limits.MAX_BODY_BYTES) : null;
        if (body != null && !body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        String name = body == null ? null : optionalName(body);
        if (store.tenant(tenant).isEmpty()) throw ApiException.notFound("TENANT_NOT_FOUND", "tenant " + tenant + " not found");
        ApiKey.Kind kind = keyKind(body);
        List<String> origins = allowedOrigins(body, kind);
        boolean allowPurchases = allowPurchases(body, kind);
        String secret = kind == ApiKey.Kind.PUBLISHABLE ? KeyHasher.newPublishableSecret() : KeyHasher.newSecret();
        var key = new ApiKey("key_" + UUID.randomUUID().toString().replace("-", ""), tenant, name, KeyHasher.hash(secret),
                Timestamps.now(), kind, origins, allowPurchases);
        store.insertApiKey(key);
        authenticator.added(key);
        var out = keyJson(key);
        out.put("key", secret);
        ex.respond(201, out);
    }

    private void listKeys(Exchange ex) {
        String tenant = pathTenant(ex);
        var keys = store.apiKeys(tenant).stream().map(TenantApi::keyJson).toList();
        ex.respond(200, Map.of("keys", keys, "total", keys.size()));
    }

    private void deleteKey(Exchange ex) {
        String tenant = pathTenant(ex);
        String keyId = ex.pathParam("key_id");
        var existing = store.apiKeys(tenant).stream().filter(k -> k.keyId().equals(keyId)).findFirst();
        if (existing.isEmpty() || !store.deleteApiKey(tenant, keyId)) {
            throw ApiException.notFound("KEY_NOT_FOUND", "key " + keyId + " not found");
        }
        authenticator.revoked(existing.get().secretHash());
        ex.noContent();
    }

    /** The tenant an admin route manages (not one the caller acts on: these routes are the admin key's). */
    private static String pathTenant(Exchange ex) {
        return ex.pathTenantId("tenant_id");
    }

    private static String optionalName(JsonNode body) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull()) return null;
        if (!n.isTextual() || n.textValue().length() > 255) throw ApiException.invalidField("name", "must be a string of at most 255 characters");
        return n.textValue();
    }

    private static Map<String, Object> json(Tenant t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("tenant_id", t.tenantId());
        if (t.name() != null) m.put("name", t.name());
        m.put("created_at", Timestamps.format(t.createdAt()));
        return m;
    }

    private static LinkedHashMap<String, Object> keyJson(ApiKey k) {
        var m = new LinkedHashMap<String, Object>();
        m.put("key_id", k.keyId());
        m.put("tenant_id", k.tenantId());
        if (k.name() != null) m.put("name", k.name());
        m.put("kind", k.kind().wireName());
        if (k.publishable()) {
            m.put("allowed_origins", k.allowedOrigins());
            m.put("allow_purchases", k.allowPurchases());
        }
        m.put("created_at", Timestamps.format(k.createdAt()));
        return m;
    }

    /** {@code kind}: "secret" (the default) or "publishable". */
    private static ApiKey.Kind keyKind(JsonNode body) {
        JsonNode k = body == null ? null : body.get("kind");
        if (k == null || k.isNull()) return ApiKey.Kind.SECRET;
        if (k.isTextual() && k.textValue().equals("secret")) return ApiKey.Kind.SECRET;
        if (k.isTextual() && k.textValue().equals("publishable")) return ApiKey.Kind.PUBLISHABLE;
        throw ApiException.invalidField("kind", "must be \"secret\" or \"publishable\"");
    }

    /**
     * {@code allow_purchases}: whether a publishable key may also record purchases and orders (default false). A
     * secret key records them anyway, so the field is refused there rather than silently meaningless.
     */
    private static boolean allowPurchases(JsonNode body, ApiKey.Kind kind) {
        JsonNode a = body == null ? null : body.get("allow_purchases");
        if (a == null || a.isNull()) return false;
        if (!a.isBoolean()) throw ApiException.invalidField("allow_purchases", "must be true or false");
        if (kind != ApiKey.Kind.PUBLISHABLE) {
            throw ApiException.invalidField("allow_purchases", "applies to publishable keys only (a secret key records purchases anyway)");
        }
        return a.booleanValue();
    }

    /** A publishable key needs 1..50 origins it may be used from; a secret key takes none (it must not be in a page). */
    private static List<String> allowedOrigins(JsonNode body, ApiKey.Kind kind) {
        JsonNode o = body == null ? null : body.get("allowed_origins");
        boolean absent = o == null || o.isNull();
        if (kind == ApiKey.Kind.SECRET) {
            if (!absent) throw ApiException.invalidField("allowed_origins", "applies to publishable keys only");
            return List.of();
        }
        if (absent || !o.isArray() || o.isEmpty() || o.size() > Origins.MAX_PER_KEY) {
            throw ApiException.invalidField("allowed_origins", "a publishable key needs 1 to " + Origins.MAX_PER_KEY
                    + " origins it may be used from, e.g. [\"https://shop.example\"]");
        }
        var out = new java.util.LinkedHashSet<String>();
        for (JsonNode origin : o) {
            String problem = origin.isTextual() ? Origins.problem(origin.textValue()) : "must be a string";
            if (problem != null) throw ApiException.invalidField("allowed_origins", origin + " " + problem);
            out.add(Origins.normalise(origin.textValue()));
        }
        return List.copyOf(out);
    }
}
