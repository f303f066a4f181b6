package dev.lodestone.store;

import java.time.Instant;
import java.util.Map;

/** One A/B test event from a storefront widget (impression, click, conversion, …), validated by the API. */
public record AbEvent(String tenantId, String testId, String variant, String userId, String eventType,
                      Instant occurredAt, Map<String, Object> metadata) {
}
