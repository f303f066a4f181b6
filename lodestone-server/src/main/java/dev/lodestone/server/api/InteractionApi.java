package dev.lodestone.server.api;

import dev.lodestone.core.model.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Ids;
import dev.lodestone.server.ingest.InteractionIngest;
import dev.lodestone.server.ingest.InteractionJson;
import dev.lodestone.server.ingest.InteractionRequest;
import dev.lodestone.server.ingest.OrderIngest;
import dev.lodestone.server.ingest.OrderRequest;
import dev.lodestone.store.Store;
import io.helidon.http.HeaderNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/v1/interactions */
public final class InteractionApi {
    private static final io.helidon.http.HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final Store store;
    private final InteractionIngest ingest;
    private final OrderIngest orders;

    public InteractionApi(Store store, InteractionIngest ingest, OrderIngest orders) {
        this.store = store;
        this.ingest = ingest;
        this.orders = orders;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/interactions", Access.STOREFRONT, this::create),
                new Route("POST", "/api/v1/interactions/bulk", Access.TENANT, this::bulk),
                new Route("GET", "/api/v1/interactions/user/{user_id}", Access.TENANT, this::ofUser),
                new Route("GET", "/api/v1/interactions/entity/{entity_id}", Access.TENANT, this::ofEntity));
    }

    private void create(Exchange ex) {
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        String tenant = ActingTenant.of(ex, body);
        boolean browser = ex.principal().publishable();
        // a shopper's browser must not be able to fake sales unless the tenant opted in for this key
        boolean browserMayBuy = ex.principal().allowPurchases();
        if (OrderRequest.isOrder(body)) {
            if (browser && !browserMayBuy) throw purchasesNotAllowed("orders");
            order(ex, tenant, OrderRequest.parse(body));
            return;
        }
        String key = ex.header(IDEMPOTENCY_KEY).map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
        if (key != null && key.length() > 255) throw ApiException.invalidRequest("Idempotency-Key must be at most 255 characters");
        var request = InteractionRequest.parse(body);
        if (browser) {
            String type = request.interactionType();
            if (request.weight() != null) throw browserOnly("interaction type " + type + " with a weight");
            if (type.equals(PURCHASE)) {
                if (!browserMayBuy) throw purchasesNotAllowed("interaction type " + PURCHASE);
            } else if (!BROWSER_TYPES.contains(type)) {
                throw browserOnly("interaction type " + type);
            }
        }
        var resolved = ingest.resolve(tenant, request, key);
        var written = ingest.write(tenant, List.of(resolved)).get(0);
        var json = InteractionJson.of(written.result().interaction());
        json.put("entity_known", written.entityKnown());
        // A replay answers exactly as the first request did, and says so in a header.
        if (!written.result().created()) ex.response().header("Idempotent-Replayed", "true");
        ex.respond(201, json);
    }

    /** What a publishable key may record: what a shopper's browser sees and does, not what the shop's server knows. */
    static final java.util.Set<String> BROWSER_TYPES = java.util.Set.of("impression", "click", "view", "add_to_cart");

    /** What a publishable key records only when the tenant opted in ({@code allow_purchases} on the key). */
    static final String PURCHASE = "purchase";

    private static ApiException browserOnly(String what) {
        return new ApiException(403, "PUBLISHABLE_KEY_SCOPE", "a publishable key cannot record " + what
                + "; it may record " + new java.util.TreeSet<>(BROWSER_TYPES) + " without weights. Send orders with a secret key from the shop's server");
    }

    private static ApiException purchasesNotAllowed(String what) {
        return new ApiException(403, "PUBLISHABLE_KEY_SCOPE", "this publishable key cannot record " + what
                + ": purchases from shoppers' browsers are off unless the key is created with \"allow_purchases\": true "
                + "(POST /api/v1/tenants/{tenant}/keys). Send orders with a secret key from the shop's server instead",
                Map.of("opt_in", "allow_purchases"));
    }

        /** A shop plugin's order: one purchase per item, atomic, idempotent on order_id. */
    private void order(Exchange ex, String tenant, OrderRequest order) {
        var recorded = orders.write(tenant, order);
        List<Map<String, Object>> items = new ArrayList<>(recorded.written().size());
        for (var w : recorded.written()) {
            var json = InteractionJson.of(w.result().interaction());
            json.put("entity_known", w.entityKnown());
            items.add(json);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("order_id", order.orderId());
        body.put("user_id", order.userId());
        if (order.total() != null) body.put("total", order.total());
        body.put("interactions", items);
        if (recorded.replayed()) ex.response().header("Idempotent-Replayed", "true");
        ex.respond(201, body);
    }

    private void bulk(Exchange ex) {
        var rules = new BulkItems("interactions", ex.principal());
        List<Parsed> parsed = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        int[] total = new int[1];
        JsonNode top = ex.bulkBody(Limits.MAX_BULK_BODY_BYTES, "interactions", Limits.MAX_BULK_ITEMS, (index, item) -> {
            total[0]++;
            rules.charge(item);
            if (item.isObject()) rules.checkItemTenant(index, item);
            try {
                parsed.add(new Parsed(InteractionRequest.parse(item), BulkItems.itemTenant(item)));
            } catch (InvalidInput e) {
                errors.add(error(BulkItems.echo(item, "user_id"), BulkItems.echo(item, "entity_id"), e));
            }
        });
        String tenant = ActingTenant.of(ex, top);
        var byTenant = new LinkedHashMap<String, List<InteractionIngest.Resolved>>();
        for (Parsed p : parsed) {
            String t = rules.tenantOf(tenant, p.tenant());
            try {
                byTenant.computeIfAbsent(t, k -> new ArrayList<>()).add(ingest.resolve(t, p.request(), null));
            } catch (InvalidInput e) {
                errors.add(error(p.request().userId(), p.request().entityId(), e));
            }
        }
        parsed.clear();
        for (var group : byTenant.entrySet()) ingest.write(group.getKey(), group.getValue());
        ex.respond(202, BulkResult.of(total[0], total[0] - errors.size(), errors));
    }

    private record Parsed(InteractionRequest request, String tenant) {
    }

    private static Map<String, Object> error(String userId, String entityId, InvalidInput e) {
        var err = new LinkedHashMap<String, Object>();
        err.put("user_id", userId);
        err.put("entity_id", entityId);
        err.put("error", e.getMessage());
        return err;
    }

    private void ofUser(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String user = ex.pathParam("user_id");
        String problem = Ids.idProblem(user);
        if (problem != null) throw ApiException.invalidRequest("user_id " + problem);
        int limit = ex.queryInt("limit", 50, 1, Limits.MAX_HISTORY_LIMIT);
        int offset = ex.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        respondList(ex, store.interactionsOfUser(tenant, user, limit, offset));
    }

    private void ofEntity(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String id = EntityApi.pathId(ex);
        String type = EntityApi.queryType(ex);
        int limit = ex.queryInt("limit", 50, 1, Limits.MAX_HISTORY_LIMIT);
        int offset = ex.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        respondList(ex, store.interactionsOfEntity(tenant, type, id, limit, offset));
    }

    private static void respondList(Exchange ex, List<Interaction> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Interaction i : list) out.add(InteractionJson.of(i));
        ex.respond(200, out);
    }
}
