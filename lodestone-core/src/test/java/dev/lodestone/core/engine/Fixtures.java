package dev.lodestone.core.engine;

import dev.lodestone.core.filter.FilterExpression;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Small builders for engine tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-10-20T10:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private Fixtures() {
    }

    static TenantModel model() {
        return new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run).tenant("t");
    }

    static Entity item(String id, Map<String, Object> attributes) {
        return entity("item", id, attributes);
    }

    static Entity entity(String type, String id, Map<String, Object> attributes) {
        return new Entity("t", type, id, attributes, null, false, null, null, NOW.minusSeconds(3600), NOW.minusSeconds(3600));
    }

    static Interaction interaction(String user, String item, double weight) {
        return interaction(user, item, weight, NOW.minusSeconds(60));
    }

    static Interaction interaction(String user, String item, double weight, Instant at) {
        return new Interaction(IDS.incrementAndGet(), "t", user, "item", item, "view", InteractionTypeForm.PLAIN, weight,
                null, Map.of(), at);
    }

    static UserQuery user(String userId, int count) {
        return query(userId, count, Algorithm.HYBRID);
    }

    static UserQuery query(String userId, int count, Algorithm algorithm) {
        return new UserQuery(userId, count, 0, algorithm, null, null, null, Set.of(), true, 0);
    }

    static UserQuery withWeights(UserQuery q, double collaborative, double content) {
        return new UserQuery(q.userId(), q.count(), q.offset(), q.algorithm(),
                BlendWeights.of(collaborative, content, null), q.entityType(), q.filter(), q.exclude(), q.excludeSeen(), q.diversity());
    }

    static UserQuery withPage(UserQuery q, int offset, int count) {
        return new UserQuery(q.userId(), count, offset, q.algorithm(), q.weights(),
                q.entityType(), q.filter(), q.exclude(), q.excludeSeen(), q.diversity());
    }

    static UserQuery withControls(UserQuery q, String entityType, String filter, Set<String> exclude, boolean excludeSeen,
                                  double diversity) {
        return new UserQuery(q.userId(), q.count(), q.offset(), q.algorithm(), q.weights(),
                entityType, filter == null ? null : FilterExpression.parse(filter), exclude, excludeSeen, diversity);
    }

    static SimilarQuery similar(String itemId, int count, Algorithm algorithm) {
        return new SimilarQuery(new dev.lodestone.core.model.EntityKey("item", itemId), count, 0, algorithm, null, null,
                Set.of(), 0);
    }

    static List<String> ids(RecommendationList list) {
        return ids(list.items());
    }

    static List<String> ids(List<Recommendation> items) {
        return items.stream().map(Recommendation::entityId).toList();
    }
}
