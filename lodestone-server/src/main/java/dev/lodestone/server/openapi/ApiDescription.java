package dev.lodestone.server.openapi;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.openapi.RouteDoc.Param;

import java.util.ArrayList;
import java.util.List;

/**
 * The route description table behind {@code /api/docs}. A test compares it with the router's route table, so a
 * route added without documentation (or documentation of a removed route) fails the build.
 */
public final class ApiDescription {
    private ApiDescription() {
    }

    private static final String JSON = "application/json";
    private static final Param ENTITY_TYPE = new Param("entity_type", "string", "Entity type; may be omitted when the id is unique in the tenant", null);
    private static final Param INCLUDE_VECTOR = new Param("include_vector", "boolean", "Add the entity's vector", false);
    private static final Param LIMIT = new Param("limit", "integer", "At most this many (1..1000)", 50);
    private static final Param OFFSET = new Param("offset", "integer", "Skip this many", 0);
    private static final Param COUNT = new Param("count", "integer", "Items to return (1..MAX_RECOMMENDATION_COUNT)", 10);
    private static final Param REC_OFFSET = new Param("offset", "integer", "Pagination offset", 0);
    private static final Param ALGORITHM = new Param("algorithm", "string", "hybrid, collaborative, item_knn, user_knn, content_based, popular or trending (case-insensitive)", "hybrid");
    private static final Param FILTER = new Param("filter", "string",
            "Attribute filter, e.g. category == \"shoes\" and price < 100 and tags contains \"red\" (== != < <= > >= in contains and or not, parentheses)", null);
    private static final Param EXCLUDE = new Param("exclude", "string", "Comma-separated entity ids never to return", null);
    private static final Param INCLUDE_ATTRIBUTES = new Param("include_attributes", "boolean", "Add attributes to each item", false);
    private static final Param ONLY_TYPE = new Param("entity_type", "string", "Only entities of this type", null);
    private static final Param FORMAT = new Param("format", "string", "json (a streamed array), jsonl (one object per line) or csv (RFC 4180, header row)", "json");

    public static List<RouteDoc> routes() {
        var r = new ArrayList<RouteDoc>();
        // ---- operations
        r.add(doc("GET", "/health", Access.PUBLIC, "Operations", "Liveness: 200 OK while the process runs", List.of(), null, 200, null, "text/plain"));
        r.add(doc("GET", "/ready", Access.PUBLIC, "Operations", "Readiness: store (and Redis) answer, models loaded, not shutting down; else 503", List.of(), null, 200, "Ready", JSON, 503));
        r.add(doc("GET", "/metrics", Access.PUBLIC, "Operations", "Prometheus metrics (text exposition format)", List.of(), null, 200, null, "text/plain"));
        r.add(doc("GET", "/api/docs", Access.PUBLIC, "Operations", "This OpenAPI 3 document", List.of(), null, 200, "OpenApi", JSON));
        r.add(doc("GET", "/api/config", Access.ADMIN, "Operations", "Effective configuration, secrets masked (admin key)", List.of(), null, 200, "Config", JSON));
        // ---- tenants and keys
        r.add(doc("POST", "/api/v1/tenants", Access.ADMIN, "Tenants", "Create a tenant (the ids user, entity, trending, popular and latest are reserved: 422)", List.of(), "TenantCreate", 201, "Tenant", JSON, 409, 422));
        r.add(doc("GET", "/api/v1/tenants", Access.ADMIN, "Tenants", "List tenants", List.of(), null, 200, "TenantList", JSON));
        r.add(doc("GET", "/api/v1/tenants/{tenant_id}", Access.ADMIN, "Tenants", "A tenant and this node's model of it (sizes, learned model)", List.of(), null, 200, "TenantStatus", JSON, 404));
        r.add(doc("DELETE", "/api/v1/tenants/{tenant_id}", Access.ADMIN, "Tenants", "Delete a tenant and all its data", List.of(), null, 204, null, null, 404));
        r.add(doc("POST", "/api/v1/tenants/{tenant_id}/keys", Access.ADMIN, "Tenants", "Create a tenant API key (the secret is shown only here)", List.of(), "ApiKeyCreate", 201, "ApiKeyCreated", JSON, 404, 422));
        r.add(doc("GET", "/api/v1/tenants/{tenant_id}/keys", Access.ADMIN, "Tenants", "List a tenant's keys (no secrets)", List.of(), null, 200, "ApiKeyList", JSON));
        r.add(doc("DELETE", "/api/v1/tenants/{tenant_id}/keys/{key_id}", Access.ADMIN, "Tenants", "Revoke a key, effective at once", List.of(), null, 204, null, null, 404));
        // ---- entities
        r.add(doc("POST", "/api/v1/entities", Access.TENANT, "Entities", "Create an entity (409 ENTITY_EXISTS when it exists)", List.of(INCLUDE_VECTOR), "EntityCreate", 201, "Entity", JSON, 409, 413, 415, 422));
        r.add(doc("POST", "/api/v1/entities/bulk", Access.TENANT, "Entities", "Upsert up to 10,000 entities; one bad item never fails the others", List.of(), "EntityBulk", 202, "BulkResult", JSON, 413, 415, 422));
        r.add(doc("GET", "/api/v1/entities/{entity_id}", Access.TENANT, "Entities", "Get an entity", List.of(ENTITY_TYPE, INCLUDE_VECTOR), null, 200, "Entity", JSON, 404));
        r.add(doc("PUT", "/api/v1/entities/{entity_id}", Access.TENANT, "Entities", "Replace an entity's attributes (404 unless upsert=true)",
                List.of(ENTITY_TYPE, INCLUDE_VECTOR, new Param("upsert", "boolean", "Create when absent (entity_type required then)", false)), "EntityReplace", 200, "Entity", JSON, 404, 413, 415, 422));
        r.add(doc("DELETE", "/api/v1/entities/{entity_id}", Access.TENANT, "Entities", "Delete an entity; its interactions stay in history", List.of(ENTITY_TYPE), null, 204, null, null, 404));
        // ---- interactions
        r.add(doc("POST", "/api/v1/interactions", Access.STOREFRONT, "Interactions", "Record an interaction (201 means durable; Idempotency-Key header honoured), or a shop plugin's order ({order_id, items[]}: one purchase per item, atomic, idempotent on order_id). "
                + "A publishable key records impression, click, view and add_to_cart without weights, and purchases and orders only when created with allow_purchases: true (else 403 PUBLISHABLE_KEY_SCOPE)", List.of(), "InteractionOrOrder", 201, "InteractionOrOrderRecorded", JSON, 413, 415, 422)
                .withHeaders("Idempotency-Key"));
        r.add(doc("POST", "/api/v1/interactions/bulk", Access.TENANT, "Interactions", "Record up to 10,000 interactions", List.of(), "InteractionBulk", 202, "BulkResult", JSON, 413, 415, 422));
        r.add(doc("GET", "/api/v1/interactions/user/{user_id}", Access.TENANT, "Interactions", "A user's interactions, newest first", List.of(LIMIT, OFFSET), null, 200, "InteractionList", JSON));
        r.add(doc("GET", "/api/v1/interactions/entity/{entity_id}", Access.TENANT, "Interactions", "An entity's interactions, newest first", List.of(ENTITY_TYPE, LIMIT, OFFSET), null, 200, "InteractionList", JSON));
        // ---- interaction types
        r.add(doc("POST", "/api/v1/interaction-types", Access.TENANT, "Interaction types", "Create or update a type's weight", List.of(), "InteractionTypeCreate", 201, "InteractionType", JSON, 415, 422));
        r.add(doc("GET", "/api/v1/interaction-types", Access.TENANT, "Interaction types", "List types (built-in defaults included)", List.of(), null, 200, "InteractionTypeList", JSON));
        r.add(doc("GET", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, "Interaction types", "Get a type", List.of(), null, 200, "InteractionType", JSON, 404));
        r.add(doc("PUT", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, "Interaction types", "Update a type (an omitted description is kept)", List.of(), "InteractionTypeUpdate", 200, "InteractionType", JSON, 404, 415, 422));
        r.add(doc("DELETE", "/api/v1/interaction-types/{interaction_type}", Access.TENANT, "Interaction types", "Delete a stored type", List.of(), null, 204, null, null, 404, 409));
        // ---- recommendations
        r.add(doc("GET", "/api/v1/recommendations/user/{user_id}", Access.TENANT, "Recommendations", "Personalised recommendations (unknown users get cold_start: true)",
                List.of(COUNT, REC_OFFSET, ALGORITHM,
                        new Param("collaborative_weight", "number", "0..1; the other weight is 1 minus it when only one is given", null),
                        new Param("content_weight", "number", "0..1 (alias content_based_weight)", null),
                        new Param("content_based_weight", "number", "Alias of content_weight", null),
                        ONLY_TYPE, FILTER, EXCLUDE, new Param("exclude_seen", "boolean", "Drop entities the user interacted with", true),
                        INCLUDE_ATTRIBUTES, new Param("diversity", "number", "0..1, re-rank for variety", 0)),
                null, 200, "RecommendationResponse", JSON));
        r.add(doc("GET", "/api/v1/recommendations/entity/{entity_id}", Access.TENANT, "Recommendations", "Entities similar to one entity (never itself)",
                List.of(ENTITY_TYPE, new Param("target_type", "string", "Only similar entities of this type", null), COUNT, REC_OFFSET, ALGORITHM, FILTER, EXCLUDE, INCLUDE_ATTRIBUTES),
                null, 200, "RecommendationResponse", JSON, 404));
        var listParams = List.of(ONLY_TYPE, COUNT, REC_OFFSET, FILTER, INCLUDE_ATTRIBUTES);
        var trendingParams = new ArrayList<>(listParams);
        trendingParams.add(new Param("window_days", "number", "Sliding window in days", 7));
        r.add(doc("GET", "/api/v1/recommendations/trending", Access.TENANT, "Recommendations", "Trending entities in a sliding window", trendingParams, null, 200, "ListResponse", JSON));
        r.add(doc("GET", "/api/v1/recommendations/popular", Access.TENANT, "Recommendations", "Popular entities (all time)", listParams, null, 200, "ListResponse", JSON));
        r.add(doc("GET", "/api/v1/recommendations/latest", Access.TENANT, "Recommendations", "Newest entities", listParams, null, 200, "ListResponse", JSON));
        // ---- storefront (widget and shop plugins): tenant in the path, bare product arrays
        var sfCount = new Param("count", "integer", "Products to return (1..MAX_RECOMMENDATION_COUNT)", 5);
        var sfType = new Param("entity_type", "string", "Type of the product id (default: product, else its only type)", null);
        r.add(doc("GET", "/api/v1/recommendations/{tenant}/similar/{entity_id}", Access.STOREFRONT, "Storefront",
                "Products similar to one product; an unknown product gets trending products", List.of(sfCount, sfType), null, 200, "StorefrontProducts", JSON));
        r.add(doc("GET", "/api/v1/recommendations/{tenant}/trending", Access.STOREFRONT, "Storefront",
                "Trending products, optionally of one category (attribute category: the value, a list value, or a comma-separated name)",
                List.of(sfCount, new Param("category", "string", "Only products of this category (case-insensitive)", null), ONLY_TYPE), null, 200, "StorefrontProducts", JSON));
        r.add(doc("GET", "/api/v1/recommendations/{tenant}/personalized/{user_id}", Access.STOREFRONT, "Storefront",
                "Personalised products; an unknown (anonymous) shopper gets the cold-start blend of trending and popular", List.of(sfCount, ONLY_TYPE), null, 200, "StorefrontProducts", JSON));
        r.add(doc("GET", "/api/v1/recommendations/{tenant}/complement/{entity_id}", Access.STOREFRONT, "Storefront",
                "Products bought together with this one (popularity-corrected), then co-interacted, then similar-looking, then popular", List.of(sfCount, sfType), null, 200, "StorefrontProducts", JSON));
        r.add(doc("POST", "/api/v1/recommendations/{tenant}/bundle", Access.STOREFRONT, "Storefront",
                "Frequently bought together with a basket; never returns the basket's products", List.of(), "StorefrontBundle", 200, "StorefrontProducts", JSON, 413, 415, 422));
        r.add(doc("POST", "/api/v1/recommendations/{tenant}/batch", Access.STOREFRONT, "Storefront",
                "The given products themselves, in the given order; unknown ids skipped", List.of(), "StorefrontBatch", 200, "StorefrontProducts", JSON, 413, 415, 422));
        r.add(doc("POST", "/api/v1/products/{tenant}", Access.TENANT, "Storefront",
                "Shop plugins' product sync: create or replace a product (entity_id may be an integer; entity_type defaults to product; attributes sent as null are left out)",
                List.of(), "ProductUpsert", 200, "Entity", JSON, 413, 415, 422));
        r.add(doc("DELETE", "/api/v1/products/{tenant}/{entity_id}", Access.TENANT, "Storefront",
                "Shop plugins' product removal; 204 also when the product is not there", List.of(sfType), null, 204, null, null));
        // ---- dashboard (its data routes, and its page and assets)
        var page = List.of(new Param("q", "string", "Only ids containing this text (case-insensitive)", null),
                new Param("limit", "integer", "Rows per page (1..200)", 50), new Param("offset", "integer", "Skip this many", 0));
        var entityPage = new ArrayList<>(page);
        entityPage.add(ONLY_TYPE);
        r.add(doc("GET", "/api/v1/dashboard/tenants", Access.TENANT, "Dashboard", "The caller's tenants with their model's counts", List.of(), null, 200, "DashboardTenants", JSON));
        r.add(doc("GET", "/api/v1/dashboard/activity", Access.TENANT, "Dashboard", "Interactions per day and per type over the last days",
                List.of(new Param("days", "integer", "Days in the window, today included (1..90)", 14)), null, 200, "DashboardActivity", JSON));
        r.add(doc("GET", "/api/v1/dashboard/entities", Access.TENANT, "Dashboard", "Browse and search the tenant's catalogue, a page at a time", entityPage, null, 200, "DashboardEntities", JSON));
        r.add(doc("GET", "/api/v1/dashboard/users", Access.TENANT, "Dashboard", "Browse and search the tenant's users, a page at a time", page, null, 200, "DashboardUsers", JSON));
        r.add(doc("GET", "/api/v1/dashboard/model", Access.TENANT, "Dashboard", "The tenant's serving model and learned model state", List.of(), null, 200, "DashboardModel", JSON));
        r.add(doc("POST", "/api/v1/dashboard/evaluations", Access.TENANT, "Dashboard", "Start an offline evaluation of the tenant in the background", List.of(), "EvaluationStart", 202, "Evaluation", JSON, 404, 409, 415, 422));
        r.add(doc("GET", "/api/v1/dashboard/evaluations/latest", Access.TENANT, "Dashboard", "The tenant's running or last evaluation, with its progress", List.of(), null, 200, "Evaluation", JSON, 404));
        r.add(doc("GET", "/api/v1/dashboard/requests", Access.TENANT, "Dashboard", "This node's request counters since start, in all and per route", List.of(), null, 200, "RequestCounters", JSON));
        r.add(doc("GET", "/dashboard", Access.PUBLIC, "Dashboard", "The admin dashboard's page", List.of(), null, 200, null, "text/html", 404));
        r.add(doc("GET", "/dashboard/{asset}", Access.PUBLIC, "Dashboard", "The dashboard's script and style (app.js, app.css)", List.of(), null, 200, null, "text/javascript, text/css", 404));
        // ---- A/B tests
        r.add(doc("POST", "/api/v1/ab-events", Access.PUBLIC, "Storefront",
                "A storefront widget's A/B event (no key): attributed to the tenant whose publishable key allows the request's Origin, else 403; a resent event is stored once; rate-limited per client address",
                List.of(), "AbEvent", 202, "AbAccepted", JSON, 400, 403, 413, 415, 422, 429));
        r.add(doc("GET", "/api/v1/experiments/{test_id}", Access.TENANT, "Storefront",
                "A/B results per variant (impressions, clicks, conversions, rates) with a two-proportion z-test of each variant against the control",
                List.of(new Param("metric", "string", "conversion (users who converted per exposed user) or click (users who clicked per exposed user)", "conversion")),
                null, 200, "ExperimentReport", JSON, 404));
        // ---- storefront widget
        r.add(doc("GET", "/widget.js", Access.PUBLIC, "Storefront", "The storefront widget script (ETag, Cache-Control: public, max-age=300; If-None-Match answers 304); see docs/storefront.md",
                List.of(), null, 200, null, "application/javascript"));
        r.add(doc("GET", "/ws/activity", Access.PUBLIC, "Storefront", "Live-activity WebSocket (connect with ws:// or wss://; see docs/storefront.md). "
                + "Messages in: {\"type\":\"subscribe\"|\"unsubscribe\",\"productId\"}; out: {\"type\":\"activity\",\"productId\",\"viewingNow\",\"recentSales\",\"recentViews\",\"addedToCart\",\"timestamp\"}. "
                + "A plain GET answers 426; a refused connection gets an error message and close code 4000 + status (4401, 4403, 4429). "
                + "Missing or invalid keys spend the client address's AUTH_FAILURES_PER_MINUTE budget (shared with HTTP); once it is spent the upgrade is answered 429",
                List.of(new Param("api_key", "string", "The key, for browsers (which cannot set headers on a WebSocket); a publishable key belongs here", null),
                        new Param("tenant_id", "string", "Tenant, for the admin key or open mode", null)),
                null, 101, null, null, 401, 403, 426, 429));
        // ---- export
        r.add(export("/api/v1/export/entities", "Stream the tenant's entities", List.of(FORMAT, ONLY_TYPE,
                new Param("last_modified_after", "string", "RFC 3339 timestamp or YYYY-MM-DD: only entities updated after it", null))));
        r.add(export("/api/v1/export/interactions", "Stream the tenant's interactions in commit order", List.of(FORMAT,
                new Param("start_date", "string", "RFC 3339 timestamp or YYYY-MM-DD (inclusive)", null),
                new Param("end_date", "string", "RFC 3339 timestamp (exclusive) or YYYY-MM-DD (that whole day included)", null))));
        r.add(export("/api/v1/export/users", "Stream the tenant's users with interaction counts", List.of(FORMAT)));
        return OperationDescriptions.apply(r);
    }

    private static RouteDoc doc(String method, String template, Access access, String tag, String summary, List<Param> query,
                                String requestSchema, int status, String responseSchema, String responseType, Integer... errors) {
        return new RouteDoc(method, template, access, tag, summary, List.copyOf(query), requestSchema, status, responseSchema,
                responseType, List.of(errors));
    }

    private static RouteDoc export(String template, String summary, List<Param> query) {
        // format=json streams an array of the table's rows; jsonl the same rows one per line; csv a text table.
        String rows = switch (template.substring(template.lastIndexOf('/') + 1)) {
            case "entities" -> "EntityList";
            case "interactions" -> "InteractionList";
            default -> "UserSummaryList";
        };
        return doc("GET", template, Access.TENANT, "Export", summary
                + " (Content-Disposition: attachment; constant memory, no row cap; attributes and metadata as JSON text in CSV)",
                query, null, 200, rows, "application/json, application/x-ndjson, text/csv");
    }
}
