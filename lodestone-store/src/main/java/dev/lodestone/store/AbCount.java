package dev.lodestone.store;

/** Per variant and event type of one A/B test: stored events, and distinct users among them. */
public record AbCount(String variant, String eventType, long events, long users) {
}
