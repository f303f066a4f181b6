package dev.lodestone.bench.datagen;

import java.time.Instant;

/**
 * Everything that determines a synthetic tenant: the same spec always yields byte-identical output.
 *
 * @param affinity share of a user's interactions that go to entities of the user's own taste group
 * @param zipfExponent skew of popularity inside a group (1.0 is classic Zipf)
 */
public record DatasetSpec(
        int entities,
        int users,
        long interactions,
        int groups,
        long seed,
        int days,
        Instant start,
        double affinity,
        double zipfExponent,
        String entityType) {

    public DatasetSpec {
        if (entities < 1 || users < 1 || interactions < 0) throw new IllegalArgumentException("entities and users must be positive, interactions not negative");
        if (groups < 1 || groups > entities) throw new IllegalArgumentException("groups must be between 1 and the number of entities");
        if (days < 1) throw new IllegalArgumentException("days must be at least 1");
        if (affinity < 0 || affinity > 1) throw new IllegalArgumentException("affinity must be within 0..1");
    }

    public static DatasetSpec small(int entities, int users, long interactions, int groups, long seed) {
        return new DatasetSpec(entities, users, interactions, groups, seed, 28, Instant.parse("2025-01-01T00:00:00Z"),
                0.85, 1.0, "product");
    }

    public String userId(int userIndex) {
        return "user_" + (userIndex + 1);
    }

    public String entityId(int entityIndex) {
        return "item_" + (entityIndex + 1);
    }
}
