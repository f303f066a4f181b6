package dev.lodestone.client;

import java.time.Instant;
import java.util.List;

/**
 * A shop order: one purchase per item, recorded atomically; repeating an order id replays the stored order.
 * {@code total} and {@code timestamp} may be null.
 */
public record Order(String userId, String orderId, List<Item> items, Double total, Instant timestamp) {
    public Order {
        items = List.copyOf(items);
    }

    /** One line of the order; quantity and price may be null. */
    public record Item(String entityId, Integer quantity, Double price) {
        public static Item of(String entityId) {
            return new Item(entityId, null, null);
        }
    }

    /** The server's answer: the purchases recorded. */
    public record Recorded(String orderId, String userId, Double total, List<Interaction> interactions) {
    }
}
