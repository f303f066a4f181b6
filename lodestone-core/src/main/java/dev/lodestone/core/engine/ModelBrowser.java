package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pages through a tenant's in-memory catalogue and users for an operator's browsing (the dashboard): a substring
 * search over ids, one page at a time, under one short read lock. A scan of 100k entries is a few milliseconds, and
 * nothing is copied but the page.
 */
public final class ModelBrowser {
    private ModelBrowser() {
    }

    /** One catalogue entry: how many users interacted with it and its all-time popularity. */
    public record EntityRow(String entityId, String entityType, int users, double popularity) {
    }

    /** One user: how many distinct entities they interacted with. */
    public record UserRow(String userId, int entities) {
    }

    /** A page of rows and how many matched in all. */
    public record Page<T>(List<T> rows, int total) {
    }

    /**
     * Live entities whose id contains {@code query} (case-insensitive; null or empty = all), optionally of one type, in
     * catalogue order (oldest first).
     */
    public static Page<EntityRow> entities(TenantModel model, String query, String entityType, int offset, int limit) {
        String q = normalise(query);
        return model.readModel((catalog, matrix) -> {
            List<EntityRow> rows = new ArrayList<>(Math.min(limit, 1000));
            int total = 0;
            int items = matrix.itemCount();
            for (int i = 0; i < catalog.size(); i++) {
                Entity e = catalog.entity(i);
                if (e == null) continue;
                if (entityType != null && !entityType.equals(e.entityType())) continue;
                if (q != null && !e.entityId().toLowerCase(Locale.ROOT).contains(q)) continue;
                if (total >= offset && rows.size() < limit) {
                    boolean seen = i < items;
                    rows.add(new EntityRow(e.entityId(), e.entityType(), seen ? matrix.itemSize(i) : 0, seen ? matrix.popularity(i) : 0));
                }
                total++;
            }
            return new Page<>(List.copyOf(rows), total);
        });
    }

    /** Users whose id contains {@code query} (case-insensitive; null or empty = all), in order of first appearance. */
    public static Page<UserRow> users(TenantModel model, String query, int offset, int limit) {
        String q = normalise(query);
        return model.readModel((catalog, matrix) -> {
            List<UserRow> rows = new ArrayList<>(Math.min(limit, 1000));
            int total = 0;
            for (int u = 0; u < matrix.userCount(); u++) {
                String id = matrix.userId(u);
                if (id == null) continue;
                if (q != null && !id.toLowerCase(Locale.ROOT).contains(q)) continue;
                if (total >= offset && rows.size() < limit) rows.add(new UserRow(id, matrix.userSize(u)));
                total++;
            }
            return new Page<>(List.copyOf(rows), total);
        });
    }

    private static String normalise(String query) {
        return query == null || query.isBlank() ? null : query.trim().toLowerCase(Locale.ROOT);
    }
}
