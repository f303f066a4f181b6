package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;

/** Non-personalised lists (trending, popular, latest). {@code windowDays} is used by trending only. */
public record ListQuery(int count, int offset, String entityType, FilterExpression filter, double windowDays) {
}
