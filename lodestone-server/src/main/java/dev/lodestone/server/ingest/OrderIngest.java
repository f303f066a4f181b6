package dev.lodestone.server.ingest;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.EntityLookup;
import dev.lodestone.core.model.InteractionTypeForm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Orders from the shop plugins: one {@code purchase} interaction per item, all committed in one store transaction
 * (so an order is recorded whole or not at all), each with an idempotency key derived from the order id and the
 * item's position — a retried webhook replays the stored order instead of counting it twice. The items' metadata
 * carry {@code order_id} (which makes the order one basket for complements), quantity, price and total.
 */
public final class OrderIngest {
    /** Entity type of an order's product that is not in the catalogue yet: the plugins sync products as this type. */
    static final String PRODUCT_TYPE = EntityLookup.PRODUCT_TYPE;

    private final Engine engine;
    private final InteractionIngest interactions;

    public OrderIngest(Engine engine, InteractionIngest interactions) {
        this.engine = engine;
        this.interactions = interactions;
    }

    /** @param replayed true when the order was stored before (a retry): nothing new was written */
    public record Recorded(List<InteractionIngest.Written> written, boolean replayed) {
    }

    public Recorded write(String tenantId, OrderRequest order) {
        TenantModel model = engine.tenant(tenantId);
        List<InteractionIngest.Resolved> resolved = new ArrayList<>(order.items().size());
        for (int i = 0; i < order.items().size(); i++) {
            OrderRequest.Item item = order.items().get(i);
            var metadata = new LinkedHashMap<String, Object>();
            metadata.put(TenantModel.ORDER_ID, order.orderId());
            metadata.put("quantity", item.quantity());
            if (item.price() != null) metadata.put("price", item.price());
            if (order.total() != null) metadata.put("total", order.total());
            var request = new InteractionRequest(order.userId(), item.entityId(), typeOf(model, item.entityId()),
                    "purchase", InteractionTypeForm.PLAIN, null, null, metadata, order.timestamp());
            resolved.add(interactions.resolve(tenantId, request, "order:" + order.orderId() + ":" + i));
        }
        List<InteractionIngest.Written> written = interactions.write(tenantId, resolved);
        boolean replayed = written.stream().noneMatch(w -> w.result().created());
        return new Recorded(written, replayed);
    }

    /** The id's type by the storefront's rule ({@link EntityLookup#findProduct}); {@code product} when unknown. */
    private static String typeOf(TenantModel model, String id) {
        return EntityLookup.findProduct(id, null, model.entityTypesOf(id)).map(EntityKey::type).orElse(PRODUCT_TYPE);
    }
}
