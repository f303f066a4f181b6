package dev.lodestone.client;

import java.util.Map;

/** A product of the storefront reads (bare arrays, as the widget gets them). */
public record Product(String entityId, String entityType, double score, Map<String, Object> attributes) {
}
