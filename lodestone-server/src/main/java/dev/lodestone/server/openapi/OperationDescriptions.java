package dev.lodestone.server.openapi;

import java.util.List;
import java.util.Map;

/**
 * The long descriptions of the operations, keyed by "METHOD template". Kept apart from the route table so that a
 * route's one-line entry stays readable; a route without an entry here is described by its summary (and who may
 * call it), which {@code OpenApiDocument} always adds.
 */
final class OperationDescriptions {
    private OperationDescriptions() {
    }

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("GET /health", "Liveness: answers 200 with the text OK as long as the process runs, even while models"
                    + " load or the store is down. Use it as a liveness probe."),
            Map.entry("GET /ready", "Readiness: 200 {\"status\":\"ready\",\"checks\":{…}} when the store (and Redis, when"
                    + " REDIS_URL is set) answer, the models are loaded and the node is not shutting down; otherwise 503 with"
                    + " the failing check (\"loading\", \"in_progress\", or the store's problem). Use it as a readiness probe."),
            Map.entry("GET /metrics", "Prometheus text exposition: http_requests_total, http_request_duration_seconds"
                    + " (histogram), http_requests_errors_total (labels method, route template, status), per-tenant model"
                    + " gauges, cache hits and misses, store pool and group-commit gauges, JVM and process metrics."),
            Map.entry("GET /api/docs", "This OpenAPI 3 document, generated from the same route table the router uses"
                    + " (a test fails when a route is missing here)."),
            Map.entry("GET /api/config", "Every configuration variable with its effective value (environment, config file"
                    + " or default); secrets such as API_KEY and database passwords are masked."),
            Map.entry("POST /api/v1/tenants", "Creates a tenant. tenant_id is 1-255 characters of [A-Za-z0-9._-]; name is"
                    + " optional (at most 255 characters). 409 TENANT_EXISTS when it exists. Tenants are also created"
                    + " implicitly by their first write."),
            Map.entry("GET /api/v1/tenants", "Every tenant with its name and creation time, and the total."),
            Map.entry("GET /api/v1/tenants/{tenant_id}", "The tenant with this node's serving model of it: entities, users,"
                    + " interactions, the last full rebuild, and the learned model (kind, when and how long it trained,"
                    + " its size and items, whether a training runs, interactions since it). 404 TENANT_NOT_FOUND."),
            Map.entry("DELETE /api/v1/tenants/{tenant_id}", "Deletes a tenant with all its entities, interactions,"
                    + " interaction types, keys, idempotency keys, A/B events and learned model, on every node (with its"
                    + " serving model, metrics series, saved rows, live sockets and dashboard state): a tenant created"
                    + " again under the same id starts empty. 404 TENANT_NOT_FOUND when it does not exist."),
            Map.entry("POST /api/v1/tenants/{tenant_id}/keys", "Creates an API key bound to the tenant. The secret (key) is"
                    + " in this response only; the server keeps a SHA-256 hash. A tenant key reaches only its tenant."),
            Map.entry("GET /api/v1/tenants/{tenant_id}/keys", "The tenant's keys: id, name and creation time; never the secrets."),
            Map.entry("DELETE /api/v1/tenants/{tenant_id}/keys/{key_id}", "Revokes a key. This node refuses it at once,"
                    + " other nodes within about a second. 404 KEY_NOT_FOUND when the tenant has no such key."),
            Map.entry("POST /api/v1/entities", "Creates one entity. entity_id <= 255 bytes, entity_type <= 100 bytes;"
                    + " attributes is an object of strings (<= 10,000 bytes), numbers (kept exactly as sent), booleans, arrays"
                    + " of those (<= 1,000 items) or nested objects (<= 8 levels), with at least one key (keys <= 255 bytes;"
                    + " <= 1,000 keys and <= 10,000 values per entity; text must be valid Unicode, else 422). vector is an"
                    + " optional array of finite numbers with one dimension per (tenant, entity_type). 409 ENTITY_EXISTS when"
                    + " the entity exists (use PUT to replace it). Body at most 1 MiB."),
            Map.entry("POST /api/v1/entities/bulk", "Upserts up to 10,000 entities (body at most 64 MiB): each item is created"
                    + " or replaced, in order (a repeated id ends with its last version); a bad item is reported in errors and"
                    + " never fails the others. The body is read item by item; 413 above 10,000 items or above 1,000,000"
                    + " attribute keys and values (MAX_BULK_ATTRIBUTE_VALUES) or 4,000,000 vector numbers in one request. An"
                    + " item's own tenant_id is honoured for the admin key; with a tenant key, another tenant is 422."),
            Map.entry("GET /api/v1/entities/{entity_id}", "One entity. entity_type may be omitted when the id is unique in the"
                    + " tenant; 400 AMBIGUOUS_ENTITY lists the types otherwise; 404 ENTITY_NOT_FOUND."),
            Map.entry("PUT /api/v1/entities/{entity_id}", "Replaces an entity's attributes (and vector, hidden,"
                    + " available_from, expires_at); created_at is kept. 404 ENTITY_NOT_FOUND unless upsert=true, which creates"
                    + " it (entity_type is then required)."),
            Map.entry("DELETE /api/v1/entities/{entity_id}", "Deletes an entity: it is never recommended again; its"
                    + " interactions stay in the users' histories. 404 ENTITY_NOT_FOUND."),
            Map.entry("POST /api/v1/interactions", "Records one interaction and answers 201 once it is durable; the next"
                    + " recommendation already reflects it. interaction_type is a name (view, click, like, add_to_cart,"
                    + " purchase, or any type name <= 64 bytes) or the forms {\"rating\": 4.5} and {\"custom\": \"share\"}. The"
                    + " weight is weight when given, else the rating, else the tenant's registry weight, else the built-in"
                    + " default (view 1, click 1, like 2, add_to_cart 3, purchase 5, other 1); negative weights suppress an"
                    + " entity for that user. An entity not in the catalogue is accepted and flagged entity_known: false."
                    + " With Idempotency-Key a retry answers exactly as the first request and stores nothing twice."),
            Map.entry("POST /api/v1/interactions/bulk", "Records up to 10,000 interactions (body at most 64 MiB), each resolved"
                    + " like a single one; bad items are reported in errors, the others are stored. Same budgets and per-item"
                    + " tenant_id rule as the entity bulk. Not idempotent: retry only"
                    + " when the request was refused (429, 503)."),
            Map.entry("GET /api/v1/interactions/user/{user_id}", "A user's interactions, newest first, as a bare array;"
                    + " limit 1..1000 (default 50) with offset."),
            Map.entry("GET /api/v1/interactions/entity/{entity_id}", "An entity's interactions, newest first, as a bare"
                    + " array; limit 1..1000 (default 50) with offset."),
            Map.entry("POST /api/v1/interaction-types", "Creates or updates (upsert) a type's weight in the tenant's registry"
                    + " (name <= 64 bytes, description <= 1000 characters). A new weight applies to interactions recorded"
                    + " from then on."),
            Map.entry("GET /api/v1/interaction-types", "The tenant's registry: stored types plus the built-in defaults not"
                    + " overridden (their id is builtin:<name>)."),
            Map.entry("GET /api/v1/interaction-types/{interaction_type}", "One type, stored or built-in. 404 NOT_FOUND."),
            Map.entry("PUT /api/v1/interaction-types/{interaction_type}", "Updates a type's weight; an omitted description"
                    + " is kept. 404 NOT_FOUND when the type is neither stored nor built in."),
            Map.entry("DELETE /api/v1/interaction-types/{interaction_type}", "Deletes a stored type (a built-in name falls"
                    + " back to its default). 409 BUILT_IN_TYPE for a built-in type that was never overridden; 404 NOT_FOUND."),
            Map.entry("GET /api/v1/recommendations/user/{user_id}", "Personalised recommendations: a hybrid of item-kNN,"
                    + " user-kNN and content similarity (algorithm chooses one), filled to count with popular then newest"
                    + " entities. Never returns duplicates, hidden, expired, deleted or excluded entities, nor (by default)"
                    + " what the user already interacted with. Each item carries the reason of its strongest source. An"
                    + " unknown user gets 200 with cold_start: true. 400 INVALID_FILTER names the position of a bad filter;"
                    + " exclude lists at most 1,000 ids."),
            Map.entry("GET /api/v1/recommendations/entity/{entity_id}", "Entities similar to one entity (never the entity"
                    + " itself), by co-interaction and content; same response shape with entity_id. 404 ENTITY_NOT_FOUND,"
                    + " 400 AMBIGUOUS_ENTITY without entity_type when the id has several types."),
            Map.entry("GET /api/v1/recommendations/trending", "Entities with the most weighted interactions in the sliding"
                    + " window (window_days, default TRENDING_WINDOW_DAYS), under the key trending."),
            Map.entry("GET /api/v1/recommendations/popular", "Entities with the most weighted interactions of all time,"
                    + " under the key popular."),
            Map.entry("GET /api/v1/recommendations/latest", "The newest entities (by creation), under the key latest."),
            Map.entry("GET /api/v1/dashboard/tenants", "Whether the key is the admin key, and the tenants it may see — all"
                    + " for the admin key, its own for a tenant key — each with its serving model's counts of entities, users"
                    + " and interactions. The dashboard's login calls it to check a key."),
            Map.entry("GET /api/v1/dashboard/activity", "Interactions per UTC day (every day of the window present, today"
                    + " last) and per interaction type, counted in memory by the node as it loads the store and as interactions"
                    + " arrive."),
            Map.entry("GET /api/v1/dashboard/entities", "A page of the tenant's live catalogue from the in-memory model, in"
                    + " creation order, each entity with the number of users who interacted with it and its popularity; total"
                    + " is the number of matches."),
            Map.entry("GET /api/v1/dashboard/users", "A page of the tenant's users from the in-memory model, in order of"
                    + " first appearance, each with the number of distinct entities it interacted with."),
            Map.entry("GET /api/v1/dashboard/model", "The serving model's counts, version, last full rebuild and result"
                    + " cache figures, and the learned model's state (kind, trained_at, size, items, pending changes)."),
            Map.entry("POST /api/v1/dashboard/evaluations", "Starts the built-in offline evaluator on the tenant's most recent"
                    + " 200,000 interactions (per-user random 80/20 split): hybrid, collaborative and content-based beside the"
                    + " popularity baseline, Recall/NDCG/HR/precision/MRR at k (body {\"k\": 1..100}, default 10) and"
                    + " coverage. Runs in the background; poll GET /api/v1/dashboard/evaluations/latest. 409"
                    + " EVALUATION_RUNNING while one runs; 404 TENANT_NOT_FOUND for a tenant without data."),
            Map.entry("GET /api/v1/dashboard/evaluations/latest", "The tenant's running or last evaluation: state (running,"
                    + " done, failed), progress 0..1 and step, and the results of the algorithms evaluated so far. The last finished run"
                    + " is kept in the store, so it is answered after a restart and by every node."),
            Map.entry("GET /api/v1/dashboard/requests", "This node's request counters since it started: requests, errors"
                    + " (status >= 400), seconds spent and the cumulative latency histogram, in all and per route. The"
                    + " difference between two polls gives the live rate, error rate and latency."),
            Map.entry("GET /dashboard", "The admin dashboard: one page and a small script, no build step. Log in with the"
                    + " admin key or a tenant key; the key stays in the browser tab's sessionStorage and is sent as a header."),
            Map.entry("GET /dashboard/{asset}", "The dashboard's script (app.js) and style sheet (app.css)."),
            Map.entry("GET /api/v1/export/entities", "Streams the tenant's entities in constant memory with no row cap:"
                    + " format=json (one array), jsonl or csv; optionally only one entity_type or entities updated after"
                    + " last_modified_after."),
            Map.entry("GET /api/v1/export/interactions", "Streams the tenant's interactions in commit order: format=json,"
                    + " jsonl or csv; start_date inclusive, end_date exclusive (a plain date includes that day)."),
            Map.entry("GET /api/v1/export/users", "Streams the tenant's users with their interaction counts and first and"
                    + " last interaction times: format=json, jsonl or csv."));

    /** The routes with their long descriptions where they have one. */
    static List<RouteDoc> apply(List<RouteDoc> routes) {
        return routes.stream()
                .map(r -> {
                    String text = TEXT.get(r.method() + " " + r.template());
                    return text == null || r.description() != null ? r : r.describe(text);
                })
                .toList();
    }
}
