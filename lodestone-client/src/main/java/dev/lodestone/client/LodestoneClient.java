package dev.lodestone.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JavaType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lodestone HTTP API as Java methods. Thread-safe; share one instance. Every method either answers the typed
 * result or throws {@link LodestoneException} carrying the server's error envelope. Requests refused with 429 or 503
 * are retried after {@code Retry-After} (see {@link RetryPolicy}); single interactions carry an idempotency key, so
 * even a retry after a lost answer stores nothing twice.
 *
 * <pre>{@code
 * var client = LodestoneClient.builder("http://127.0.0.1:8080").apiKey(key).build();
 * client.createEntity(EntityInput.of("sku-1", "product", Map.of("category", "shoes")));
 * client.recordInteraction(InteractionInput.of("alice", "sku-1", "purchase"));
 * var recs = client.recommendForUser("alice", RecommendationOptions.DEFAULT.withCount(5));
 * }</pre>
 */
public final class LodestoneClient {
    /** Items the server takes in one bulk request. */
    public static final int MAX_BULK_ITEMS = 10_000;
    private static final String V1 = "/api/v1";

    private final Transport transport;
    private final Builder settings;

    private LodestoneClient(Builder b) {
        this.settings = b;
        this.transport = new Transport(b.http, b.baseUrl, b.apiKey, b.tenant, b.timeout, b.retry, b.sleeper, b.onRetry);
    }

    public static Builder builder(String baseUrl) {
        return new Builder(URI.create(baseUrl));
    }

    /** The same client acting on another tenant (sent as X-Tenant-ID; a tenant key is bound to its own tenant). */
    public LodestoneClient forTenant(String tenantId) {
        return settings.copy().tenant(tenantId).build();
    }

    // ---------------------------------------------------------------- entities

    /** Creates an entity; 409 ENTITY_EXISTS when it exists. */
    public Entity createEntity(EntityInput entity) {
        return transport.json(new Transport.Call("POST", V1 + "/entities", null, entity, null, false), Entity.class);
    }

    /** The entity; its type may be null when the id is unique in the tenant. */
    public Entity getEntity(String entityId, String entityType) {
        return transport.json(Transport.Call.get(V1 + "/entities/" + Transport.segment(entityId), query("entity_type", entityType)), Entity.class);
    }

    /** Replaces an existing entity's attributes (404 when absent). */
    public Entity replaceEntity(EntityInput entity) {
        return put(entity, false);
    }

    /** Creates or replaces an entity. */
    public Entity upsertEntity(EntityInput entity) {
        return put(entity, true);
    }

    private Entity put(EntityInput e, boolean upsert) {
        var q = query("entity_type", e.entityType());
        if (upsert) q.put("upsert", true);
        return transport.json(new Transport.Call("PUT", V1 + "/entities/" + Transport.segment(e.entityId()), q, e, null, true), Entity.class);
    }

    /** Deletes an entity (its interactions stay in history); 404 ENTITY_NOT_FOUND when absent. */
    public void deleteEntity(String entityId, String entityType) {
        transport.json(new Transport.Call("DELETE", V1 + "/entities/" + Transport.segment(entityId), query("entity_type", entityType), null, null, true));
    }

    /**
     * Upserts any number of entities, {@link #MAX_BULK_ITEMS} per request, and sums the answers. Bulk entity writes
     * are upserts, so a chunk is also resent after a lost answer.
     */
    public BulkResult bulkUpsertEntities(List<EntityInput> entities) {
        return bulkUpsertEntities(entities, MAX_BULK_ITEMS);
    }

    public BulkResult bulkUpsertEntities(List<EntityInput> entities, int chunkSize) {
        return chunked(entities, chunkSize, "/entities/bulk", "entities", true);
    }

    // ---------------------------------------------------------------- interactions

    /** Records an interaction under a fresh idempotency key: retries (ours or yours with the same key) never double it. */
    public Interaction recordInteraction(InteractionInput interaction) {
        return recordInteraction(interaction, UUID.randomUUID().toString());
    }

    /** Records an interaction under your idempotency key (at most 255 characters). */
    public Interaction recordInteraction(InteractionInput interaction, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return transport.json(new Transport.Call("POST", V1 + "/interactions", null, interaction, idempotencyKey, true), Interaction.class);
    }

    /** Records a shop order (one purchase per item, atomically); repeating an order id replays the stored order. */
    public Order.Recorded recordOrder(Order order) {
        return transport.json(new Transport.Call("POST", V1 + "/interactions", null, order, null, true), Order.Recorded.class);
    }

    /**
     * Records any number of interactions, {@link #MAX_BULK_ITEMS} per request. Bulk interactions are not idempotent:
     * a chunk is retried on 429/503 (refused before any work) but not after a lost answer — that fails with the
     * counts of the chunks already recorded in the exception's message.
     */
    public BulkResult bulkRecordInteractions(List<InteractionInput> interactions) {
        return bulkRecordInteractions(interactions, MAX_BULK_ITEMS);
    }

    public BulkResult bulkRecordInteractions(List<InteractionInput> interactions, int chunkSize) {
        return chunked(interactions, chunkSize, "/interactions/bulk", "interactions", false);
    }

    /** A user's interactions, newest first (limit 1..1000). */
    public List<Interaction> userInteractions(String userId, int limit, int offset) {
        var q = new LinkedHashMap<String, Object>(Map.of("limit", limit, "offset", offset));
        return list(Transport.Call.get(V1 + "/interactions/user/" + Transport.segment(userId), q), Interaction.class);
    }

    /** An entity's interactions, newest first (limit 1..1000); the type may be null. */
    public List<Interaction> entityInteractions(String entityId, String entityType, int limit, int offset) {
        var q = query("entity_type", entityType);
        q.put("limit", limit);
        q.put("offset", offset);
        return list(Transport.Call.get(V1 + "/interactions/entity/" + Transport.segment(entityId), q), Interaction.class);
    }

    // ---------------------------------------------------------------- interaction types

    /** Creates or updates a type's weight. */
    public InteractionType putInteractionType(String name, double weight, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("interaction_type", name);
        body.put("weight", weight);
        if (description != null) body.put("description", description);
        return transport.json(new Transport.Call("POST", V1 + "/interaction-types", null, body, null, true), InteractionType.class);
    }

    public List<InteractionType> interactionTypes() {
        JsonNode node = transport.json(Transport.Call.get(V1 + "/interaction-types", null));
        return convert(node.get("interaction_types"), InteractionType.class);
    }

    public InteractionType interactionType(String name) {
        return transport.json(Transport.Call.get(V1 + "/interaction-types/" + Transport.segment(name), null), InteractionType.class);
    }

    /** Updates an existing type's weight (a null description keeps the stored one). */
    public InteractionType updateInteractionType(String name, double weight, String description) {
        var body = new LinkedHashMap<String, Object>();
        body.put("weight", weight);
        if (description != null) body.put("description", description);
        return transport.json(new Transport.Call("PUT", V1 + "/interaction-types/" + Transport.segment(name), null, body, null, true), InteractionType.class);
    }

    public void deleteInteractionType(String name) {
        transport.json(new Transport.Call("DELETE", V1 + "/interaction-types/" + Transport.segment(name), null, null, null, true));
    }

    // ---------------------------------------------------------------- recommendations

    /** Personalised recommendations; an unknown user gets a cold-start list ({@code coldStart()} true). */
    public Recommendations recommendForUser(String userId, RecommendationOptions options) {
        return transport.json(Transport.Call.get(V1 + "/recommendations/user/" + Transport.segment(userId), options.query()), Recommendations.class);
    }

    /** Entities similar to one entity (the type may be null when the id is unique). */
    public Recommendations similarEntities(String entityId, String entityType, RecommendationOptions options) {
        var q = options.query();
        if (entityType != null) q.put("entity_type", entityType);
        return transport.json(Transport.Call.get(V1 + "/recommendations/entity/" + Transport.segment(entityId), q), Recommendations.class);
    }

    public List<Recommendation> trending(RecommendationOptions options) {
        return namedList("trending", options);
    }

    public List<Recommendation> popular(RecommendationOptions options) {
        return namedList("popular", options);
    }

    public List<Recommendation> latest(RecommendationOptions options) {
        return namedList("latest", options);
    }

    private List<Recommendation> namedList(String kind, RecommendationOptions options) {
        JsonNode node = transport.json(Transport.Call.get(V1 + "/recommendations/" + kind, options.query()));
        return convert(node.get(kind), Recommendation.class);
    }

    // ---------------------------------------------------------------- storefront (tenant in the path)

    public List<Product> similarProducts(String tenant, String productId, int count) {
        return products(tenant, "/similar/" + Transport.segment(productId), Map.of("count", count));
    }

    /** Trending products, optionally of one category (null for all). */
    public List<Product> trendingProducts(String tenant, String category, int count) {
        var q = query("category", category);
        q.put("count", count);
        return products(tenant, "/trending", q);
    }

    public List<Product> personalizedProducts(String tenant, String userId, int count) {
        return products(tenant, "/personalized/" + Transport.segment(userId), Map.of("count", count));
    }

    public List<Product> complementProducts(String tenant, String productId, int count) {
        return products(tenant, "/complement/" + Transport.segment(productId), Map.of("count", count));
    }

    /** "Frequently bought together" with a basket (1..100 ids). */
    public List<Product> bundle(String tenant, List<String> productIds, int count) {
        var body = Map.of("product_ids", productIds, "count", count);
        return list(new Transport.Call("POST", storefront(tenant, "/bundle"), null, body, null, true), Product.class);
    }

    /** The products themselves, in the given order; unknown ids skipped. */
    public List<Product> batch(String tenant, List<String> productIds) {
        return list(new Transport.Call("POST", storefront(tenant, "/batch"), null, Map.of("product_ids", productIds), null, true), Product.class);
    }

    /** The shop plugins' product sync: creates or replaces a product (type product unless given). */
    public Entity upsertProduct(String tenant, EntityInput product) {
        var body = new LinkedHashMap<String, Object>();
        body.put("entity_id", product.entityId());
        if (product.entityType() != null) body.put("entity_type", product.entityType());
        body.put("attributes", product.attributes());
        return transport.json(new Transport.Call("POST", V1 + "/products/" + Transport.segment(tenant), null, body, null, true), Entity.class);
    }

    /** Removes a product; succeeds also when it is not there. */
    public void deleteProduct(String tenant, String productId) {
        transport.json(new Transport.Call("DELETE", V1 + "/products/" + Transport.segment(tenant) + "/" + Transport.segment(productId), null, null, null, true));
    }

    private List<Product> products(String tenant, String path, Map<String, ?> query) {
        return list(Transport.Call.get(storefront(tenant, path), query), Product.class);
    }

    private static String storefront(String tenant, String path) {
        return V1 + "/recommendations/" + Transport.segment(tenant) + path;
    }

    /** A/B results of a test: {@code metric} is {@code conversion} (default when null) or {@code click}. */
    public Experiment experiment(String testId, String metric) {
        return transport.json(Transport.Call.get(V1 + "/experiments/" + Transport.segment(testId), query("metric", metric)), Experiment.class);
    }

    // ---------------------------------------------------------------- export (streamed)

    /** Streams the tenant's entities (optionally of one type, or updated after a time) to {@code sink}. */
    public void exportEntities(String entityType, Instant lastModifiedAfter, Consumer<Entity> sink) {
        var q = query("entity_type", entityType);
        if (lastModifiedAfter != null) q.put("last_modified_after", lastModifiedAfter.toString());
        export("entities", q, Entity.class, sink);
    }

    /** Streams the tenant's interactions in commit order; {@code from} inclusive, {@code until} exclusive, both nullable. */
    public void exportInteractions(Instant from, Instant until, Consumer<Interaction> sink) {
        var q = new LinkedHashMap<String, Object>();
        if (from != null) q.put("start_date", from.toString());
        if (until != null) q.put("end_date", until.toString());
        export("interactions", q, Interaction.class, sink);
    }

    public void exportUsers(Consumer<UserSummary> sink) {
        export("users", new LinkedHashMap<>(), UserSummary.class, sink);
    }

    private <T> void export(String table, Map<String, Object> query, Class<T> type, Consumer<T> sink) {
        query.put("format", "jsonl");
        var response = transport.send(Transport.Call.get(V1 + "/export/" + table, query));
        try (InputStream in = response.body();
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) sink.accept(transport.json.readValue(line, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + table + " broke off", e);
        }
    }

    // ---------------------------------------------------------------- tenants and keys (admin key)

    public Tenant createTenant(String tenantId, String name) {
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", tenantId);
        if (name != null) body.put("name", name);
        return transport.json(new Transport.Call("POST", V1 + "/tenants", null, body, null, false), Tenant.class);
    }

    public List<Tenant> tenants() {
        return convert(transport.json(Transport.Call.get(V1 + "/tenants", null)).get("tenants"), Tenant.class);
    }

    /** Deletes a tenant with all its data. */
    public void deleteTenant(String tenantId) {
        transport.json(new Transport.Call("DELETE", V1 + "/tenants/" + Transport.segment(tenantId), null, null, null, true));
    }

    /** Creates a tenant key; the answer's {@code key()} is the secret, shown only here. */
    public ApiKey createKey(String tenantId, String name) {
        Map<String, Object> body = name == null ? Map.of() : Map.of("name", name);
        return transport.json(new Transport.Call("POST", V1 + "/tenants/" + Transport.segment(tenantId) + "/keys", null, body, null, false), ApiKey.class);
    }

    /** Creates a publishable key ({@code pk_…}) usable from browsers on the given origins (1..50). */
    public ApiKey createPublishableKey(String tenantId, String name, List<String> allowedOrigins) {
        var body = new LinkedHashMap<String, Object>();
        if (name != null) body.put("name", name);
        body.put("kind", "publishable");
        body.put("allowed_origins", allowedOrigins);
        return transport.json(new Transport.Call("POST", V1 + "/tenants/" + Transport.segment(tenantId) + "/keys", null, body, null, false), ApiKey.class);
    }

    /** The tenant with its serving and learned models' state. */
    public TenantStatus tenantStatus(String tenantId) {
        return transport.json(Transport.Call.get(V1 + "/tenants/" + Transport.segment(tenantId), null), TenantStatus.class);
    }

    public List<ApiKey> keys(String tenantId) {
        return convert(transport.json(Transport.Call.get(V1 + "/tenants/" + Transport.segment(tenantId) + "/keys", null)).get("keys"), ApiKey.class);
    }

    public void revokeKey(String tenantId, String keyId) {
        transport.json(new Transport.Call("DELETE", V1 + "/tenants/" + Transport.segment(tenantId) + "/keys/" + Transport.segment(keyId), null, null, null, true));
    }

    // ---------------------------------------------------------------- operations

    /** True when {@code GET /health} answers 200. */
    public boolean healthy() {
        try (InputStream in = transport.send(Transport.Call.get("/health", null)).body()) {
            in.readAllBytes();
            return true;
        } catch (LodestoneException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code GET /ready}, not retried: a node that is not ready answers 503 with its checks, returned here too. */
    public Readiness readiness() {
        JsonNode node = transport.jsonOnce(Transport.Call.get("/ready", null));
        return transport.json.convertValue(node, Readiness.class);
    }

    /** The server's effective configuration, secrets masked (admin key). */
    public Map<String, Object> configuration() {
        return transport.json.convertValue(transport.json(Transport.Call.get("/api/config", null)),
                transport.json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    // ---------------------------------------------------------------- helpers

    private <T> BulkResult chunked(List<T> items, int chunkSize, String path, String field, boolean upserts) {
        if (chunkSize < 1 || chunkSize > MAX_BULK_ITEMS) throw new IllegalArgumentException("chunkSize must be 1.." + MAX_BULK_ITEMS);
        BulkResult total = BulkResult.empty();
        for (int from = 0; from < items.size(); from += chunkSize) {
            var chunk = items.subList(from, Math.min(items.size(), from + chunkSize));
            try {
                var body = Map.of(field, chunk);
                total = total.plus(transport.json(new Transport.Call("POST", V1 + path, null, body, null, upserts), BulkResult.class));
            } catch (LodestoneException e) {
                throw new LodestoneException(e.status(), e.code(), e.serverMessage() + " (items " + from + ".." + (from + chunk.size() - 1)
                        + "; " + total.successful() + " items of earlier chunks were recorded)", e.details(), e.requestId(), e);
            }
        }
        return total;
    }

    private <T> List<T> list(Transport.Call call, Class<T> type) {
        return convert(transport.json(call), type);
    }

    private <T> List<T> convert(JsonNode array, Class<T> type) {
        if (array == null || !array.isArray()) return List.of();
        JavaType listType = transport.json.getTypeFactory().constructCollectionType(List.class, type);
        List<T> out = transport.json.convertValue(array, listType);
        return out == null ? List.of() : List.copyOf(out);
    }

    private static Map<String, Object> query(String name, Object value) {
        var q = new LinkedHashMap<String, Object>();
        if (value != null) q.put(name, value);
        return q;
    }

    /** Client settings. */
    public static final class Builder {
        private final URI baseUrl;
        private String apiKey;
        private String tenant;
        private Duration timeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private HttpClient http;
        private Transport.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private java.util.function.Consumer<RetryEvent> onRetry;

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** The admin key or a tenant key (sent as {@code Authorization: Bearer}); none for a keyless local server. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** The tenant to act on (X-Tenant-ID) when the key is the admin key; default: the server's {@code default}. */
        public Builder tenant(String tenantId) {
            this.tenant = tenantId;
            return this;
        }

        /** Per-request timeout (default 30 s). */
        public Builder timeout(Duration d) {
            this.timeout = d;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        /** Your own HttpClient (proxy, TLS, executor); default: a new one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        /** Called before each retry (for logging or metrics). */
        public Builder onRetry(java.util.function.Consumer<RetryEvent> listener) {
            this.onRetry = listener;
            return this;
        }

        Builder sleeper(Transport.Sleeper s) {
            this.sleeper = s;
            return this;
        }

        Builder copy() {
            var b = new Builder(baseUrl);
            b.apiKey = apiKey;
            b.tenant = tenant;
            b.timeout = timeout;
            b.retry = retry;
            b.http = http;
            b.sleeper = sleeper;
            b.onRetry = onRetry;
            return b;
        }

        public LodestoneClient build() {
            if (http == null) http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            return new LodestoneClient(this);
        }
    }
}
