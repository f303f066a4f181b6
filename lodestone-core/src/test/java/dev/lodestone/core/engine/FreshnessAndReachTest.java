package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.lodestone.core.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Lists kept ready between requests (trending, popular, latest, neighbour rows) follow writes and time. */
class FreshnessAndReachTest {
    private static final Map<String, Object> SHOE = Map.of("category", "shoes", "tags", List.of("red", "trail"));
    private static final Map<String, Object> SHIRT = Map.of("category", "shirts", "tags", List.of("blue"));

    private static Entity created(String id, Map<String, Object> attributes, Instant at) {
        return new Entity("t", "item", id, attributes, null, false, null, null, at, at);
    }

    /** Four shoes bought together by shoe buyers, and many newer shirts bought by others. */
    private static TenantModel shop() {
        TenantModel m = model();
        for (String id : List.of("a", "b", "c", "d")) m.upsertEntity(created(id, SHOE, NOW.minus(Duration.ofDays(30))));
        for (int i = 0; i < 80; i++) m.upsertEntity(created("shirt" + i, SHIRT, NOW.minus(Duration.ofDays(1))));
        for (int u = 0; u < 6; u++) for (String id : List.of("a", "b", "c", "d")) m.addInteraction(interaction("s" + u, id, 1));
        for (int u = 0; u < 6; u++) m.addInteraction(interaction("t" + u, "shirt" + u, 3));
        return m;
    }

    @Test
    void aNewEntityWithoutInteractionsReachesAUserWhoseTasteMatches() {
        TenantModel m = shop();
        for (String id : List.of("a", "b", "c")) m.addInteraction(interaction("me", id, 2));
        assertThat(ids(m.recommend(user("me", 10)))).doesNotContain("fresh");
        m.upsertEntity(created("fresh", SHOE, NOW.minusSeconds(5)));
        var list = m.recommend(user("me", 10));
        assertThat(list.items()).filteredOn(r -> r.entityId().equals("fresh"))
                .singleElement().extracting(Recommendation::reason).isEqualTo("content_based");
    }

    @Test
    void anOlderEntityWithoutInteractionsIsReachedThroughContentNeighbours() {
        TenantModel m = shop();
        // older than the 80 shirts, so not among the newest entities a list draws on
        m.upsertEntity(created("old-boot", SHOE, NOW.minus(Duration.ofDays(60))));
        assertThat(ids(m.latest(new ListQuery(ContentSource.NEWEST_POOL, 0, null, null, 7)))).doesNotContain("old-boot");
        for (String id : List.of("a", "b", "c")) m.addInteraction(interaction("me", id, 2));
        assertThat(ids(m.recommend(user("me", 10)))).contains("old-boot");
        assertThat(ids(m.similar(similar("a", 5, Algorithm.HYBRID)).orElseThrow())).contains("old-boot");
    }

    @Test
    void similarFindsAnEntityAddedAfterTheSourcesRowWasComputed() {
        TenantModel m = shop();
        assertThat(ids(m.similar(similar("a", 10, Algorithm.CONTENT_BASED)).orElseThrow())).doesNotContain("late");
        m.upsertEntity(created("late", SHOE, NOW.minusSeconds(1)));
        assertThat(ids(m.similar(similar("a", 10, Algorithm.CONTENT_BASED)).orElseThrow())).contains("late");
    }

    @Test
    void trendingPopularAndLatestFollowEachWrite() {
        TenantModel m = shop();
        var q = new ListQuery(3, 0, null, null, 7);
        // each shoe has weight 6 (six buyers), each bought shirt 3
        assertThat(ids(m.trending(q))).containsExactly("a", "b", "c");
        assertThat(ids(m.popular(q))).containsExactly("a", "b", "c");
        for (int i = 0; i < 5; i++) m.addInteraction(interaction("fan" + i, "shirt42", 5));
        assertThat(ids(m.trending(q)).getFirst()).isEqualTo("shirt42");
        assertThat(ids(m.popular(q)).getFirst()).isEqualTo("shirt42");
        // a dislike takes an item down again
        m.addInteraction(interaction("critic", "shirt42", -30));
        assertThat(ids(m.trending(q))).doesNotContain("shirt42");
        assertThat(ids(m.popular(q))).doesNotContain("shirt42");

        assertThat(ids(m.latest(q))).doesNotContain("brand-new");
        m.upsertEntity(created("brand-new", SHIRT, NOW.minusSeconds(1)));
        assertThat(ids(m.latest(q)).getFirst()).isEqualTo("brand-new");
        m.removeEntity(new EntityKey("item", "brand-new"));
        assertThat(ids(m.latest(q))).doesNotContain("brand-new").hasSize(3);
        long hits = m.cacheHits();
        m.latest(q);
        assertThat(m.cacheHits()).isEqualTo(hits + 1);
    }

    @Test
    void trendingForgetsActivityThatLeavesTheWindow() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock ticking = new Clock() {
            public ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(ZoneId zone) { return this; }
            public Instant instant() { return now.get(); }
        };
        TenantModel m = new Engine(EngineSettings.defaults(), ticking, Runnable::run).tenant("t");
        m.upsertEntity(item("burst", SHIRT));
        m.upsertEntity(item("steady", SHOE));
        for (int i = 0; i < 5; i++) m.addInteraction(interaction("u" + i, "burst", 1, NOW.minusSeconds(600)));
        m.addInteraction(interaction("v", "steady", 1, NOW.minusSeconds(600)));
        var oneDay = new ListQuery(2, 0, null, null, 1);
        assertThat(m.trending(oneDay)).extracting(Recommendation::entityId, Recommendation::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("burst", "trending"), org.assertj.core.groups.Tuple.tuple("steady", "trending"));
        now.set(NOW.plus(Duration.ofDays(2)));
        m.addInteraction(interaction("v", "steady", 1, now.get().minusSeconds(60)));
        assertThat(m.trending(oneDay)).extracting(Recommendation::entityId, Recommendation::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("steady", "trending"), org.assertj.core.groups.Tuple.tuple("burst", "popular"));
    }
}
