package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's serving model. Placeholder: popularity only, until the engine lands. Thread-safe by a lock.
 */
public final class TenantModel {
    private final String tenantId;
    private final EngineSettings settings;
    private final Clock clock;
    private final Map<EntityKey, Entity> entities = new HashMap<>();
    private final Map<EntityKey, Double> popularity = new HashMap<>();
    private final Map<String, Set<EntityKey>> seen = new HashMap<>();
    private long interactions;

    TenantModel(String tenantId, EngineSettings settings, Clock clock) {
        this.tenantId = tenantId;
        this.settings = settings;
        this.clock = clock;
    }

    public String tenantId() {
        return tenantId;
    }

    public synchronized void upsertEntity(Entity entity) {
        entities.put(entity.key(), entity);
    }

    public synchronized void removeEntity(EntityKey key) {
        entities.remove(key);
    }

    public synchronized void addInteraction(Interaction interaction) {
        interactions++;
        popularity.merge(interaction.entityKey(), interaction.weight(), Double::sum);
        seen.computeIfAbsent(interaction.userId(), u -> new HashSet<>()).add(interaction.entityKey());
    }

    public synchronized RecommendationList recommend(UserQuery q) {
        Set<EntityKey> userSeen = seen.getOrDefault(q.userId(), Set.of());
        List<Recommendation> items = ranked(q.count(), q.offset(), q.entityType(), k ->
                !q.exclude().contains(k.id()) && !(q.excludeSeen() && userSeen.contains(k)));
        return new RecommendationList(items, q.algorithm(), userSeen.isEmpty());
    }

    public synchronized Optional<RecommendationList> similar(SimilarQuery q) {
        if (!entities.containsKey(q.source())) return Optional.empty();
        List<Recommendation> items = ranked(q.count(), q.offset(), q.entityType(),
                k -> !k.equals(q.source()) && !q.exclude().contains(k.id()));
        return Optional.of(new RecommendationList(items, q.algorithm(), false));
    }

    public synchronized List<Recommendation> popular(ListQuery q) {
        return ranked(q.count(), q.offset(), q.entityType(), k -> true);
    }

    public synchronized List<Recommendation> trending(ListQuery q) {
        return popular(q);
    }

    public synchronized List<Recommendation> latest(ListQuery q) {
        return entities.values().stream()
                .filter(e -> e.servableAt(clock.instant()))
                .filter(e -> q.entityType() == null || q.entityType().equals(e.entityType()))
                .sorted(Comparator.comparing(Entity::createdAt).reversed().thenComparing(Entity::key))
                .skip(q.offset()).limit(q.count())
                .map(e -> new Recommendation(e.entityType(), e.entityId(), 1.0, "latest"))
                .toList();
    }

    /** Types under which an entity with this id is in the catalogue, sorted. */
    public synchronized List<String> entityTypesOf(String entityId) {
        return entities.keySet().stream().filter(k -> k.id().equals(entityId)).map(EntityKey::type).sorted().toList();
    }

    /** Attributes of a known entity, for include_attributes. */
    public synchronized Optional<Map<String, Object>> attributes(EntityKey key) {
        return Optional.ofNullable(entities.get(key)).map(Entity::attributes);
    }

    public synchronized long entityCount() {
        return entities.size();
    }

    public synchronized long userCount() {
        return seen.size();
    }

    public synchronized long interactionCount() {
        return interactions;
    }

    private List<Recommendation> ranked(int count, int offset, String type, java.util.function.Predicate<EntityKey> keep) {
        var now = clock.instant();
        List<Recommendation> all = new ArrayList<>();
        for (Entity e : entities.values()) {
            if (!e.servableAt(now) || (type != null && !type.equals(e.entityType())) || !keep.test(e.key())) continue;
            all.add(new Recommendation(e.entityType(), e.entityId(), popularity.getOrDefault(e.key(), 0.0), "popular"));
        }
        all.sort(Comparator.comparingDouble(Recommendation::score).reversed()
                .thenComparing(Recommendation::entityId).thenComparing(Recommendation::entityType));
        return all.stream().skip(offset).limit(count).toList();
    }
}
