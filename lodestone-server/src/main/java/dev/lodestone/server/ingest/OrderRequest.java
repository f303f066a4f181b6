package dev.lodestone.server.ingest;

import dev.lodestone.core.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.InvalidInput;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as the shop plugins post it to {@code POST /api/v1/interactions}:
 * {@code {user_id, order_id, items: [{entity_id, quantity?, price?}], total?, timestamp?}}. Ids may be JSON integers
 * (WooCommerce product ids); they are kept as their decimal text.
 */
public record OrderRequest(String userId, String orderId, List<Item> items, BigDecimal total, Instant timestamp) {
    public static final int MAX_ITEMS = 500;

    public record Item(String entityId, long quantity, BigDecimal price) {
    }

    /** Whether a body is an order rather than one interaction. */
    public static boolean isOrder(JsonNode body) {
        return body != null && body.isObject() && (body.has("items") || body.has("order_id"));
    }

    public static OrderRequest parse(JsonNode body) {
        String user = idOf(body.get("user_id"), "user_id");
        String order = idOf(body.get("order_id"), "order_id");
        if (order.length() > 200) throw InvalidInput.field("order_id", "must be at most 200 characters");
        JsonNode items = body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw InvalidInput.field("items", "is required: a non-empty array of {entity_id, quantity, price}");
        }
        if (items.size() > MAX_ITEMS) throw InvalidInput.field("items", "must hold at most " + MAX_ITEMS + " items");
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String field = "items[" + i + "]";
            if (!item.isObject()) throw InvalidInput.field(field, "must be an object");
            String id = idOf(item.get("entity_id"), field + ".entity_id");
            long quantity = 1;
            JsonNode q = item.get("quantity");
            if (q != null && !q.isNull()) {
                if (!q.isIntegralNumber() || !q.canConvertToLong() || q.longValue() < 1 || q.longValue() > 1_000_000) {
                    throw InvalidInput.field(field + ".quantity", "must be an integer between 1 and 1000000");
                }
                quantity = q.longValue();
            }
            out.add(new Item(id, quantity, money(item.get("price"), field + ".price")));
        }
        BigDecimal total = money(body.get("total"), "total");
        Instant at = EntityRequest.instant(body, "timestamp");
        return new OrderRequest(user, order, List.copyOf(out), total, at);
    }

    /** A required id given as a string or an integer. */
    static String idOf(JsonNode node, String field) {
        if (node == null || node.isNull()) throw InvalidInput.field(field, "is required");
        String text = JsonValues.idText(node);
        if (text == null) throw InvalidInput.field(field, "must be a string or an integer");
        String problem = Ids.idProblem(text);
        if (problem != null) throw InvalidInput.field(field, problem);
        return text;
    }

    private static BigDecimal money(JsonNode node, String field) {
        if (node == null || node.isNull()) return null;
        BigDecimal value;
        if (node.isNumber()) value = node.decimalValue();
        else if (node.isTextual()) {
            // WooCommerce sends prices as strings ("19.99")
            try {
                value = new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw InvalidInput.field(field, "must be a number");
            }
        } else throw InvalidInput.field(field, "must be a number");
        if (value.signum() < 0 || value.abs().compareTo(new BigDecimal("1e15")) > 0) {
            throw InvalidInput.field(field, "must be a non-negative number below 1e15");
        }
        return value;
    }
}
