package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lodestone.core.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class TenantModelTest {
    private TenantModel model;

    /**
     * Two clusters by construction. Shoe buyers u1..u6 take a+b (and u1..u3 also c); shirt buyers v1..v4 take x+y.
     * Attributes: a, b, c, n (new, no interactions) are red shoes; x, y, z are blue shirts.
     */
    @BeforeEach
    void setUp() {
        model = model();
        for (String id : List.of("a", "b", "c", "n")) {
            model.upsertEntity(item(id, Map.of("category", "shoes", "tags", List.of("red", "sport"), "price", 80)));
        }
        for (String id : List.of("x", "y", "z")) {
            model.upsertEntity(item(id, Map.of("category", "shirts", "tags", List.of("blue"), "price", 20)));
        }
        for (int u = 1; u <= 6; u++) {
            model.addInteraction(interaction("u" + u, "a", 1));
            model.addInteraction(interaction("u" + u, "b", 1));
            if (u <= 3) model.addInteraction(interaction("u" + u, "c", 3));
        }
        for (int v = 1; v <= 4; v++) {
            model.addInteraction(interaction("v" + v, "x", 1));
            model.addInteraction(interaction("v" + v, "y", 1));
        }
    }

    @Test
    void itemKnnNeighboursAreCoInteractedItems() {
        List<String> similarToA = ids(model.similar(similar("a", 2, Algorithm.ITEM_KNN)).orElseThrow());
        assertThat(similarToA).containsExactly("b", "c");
        List<String> similarToX = ids(model.similar(similar("x", 1, Algorithm.ITEM_KNN)).orElseThrow());
        assertThat(similarToX).containsExactly("y");

        model.addInteraction(interaction("me", "x", 1));
        var list = model.recommend(query("me", 1, Algorithm.ITEM_KNN));
        assertThat(ids(list)).containsExactly("y");
        assertThat(list.items().getFirst().reason()).isEqualTo("collaborative");
    }

    @Test
    void userKnnRecommendsWhatSimilarUsersLiked() {
        model.addInteraction(interaction("me", "a", 1));
        model.addInteraction(interaction("me", "b", 1));
        // the users most like "me" (u1..u6) liked c; the shirt users share nothing with "me"
        assertThat(ids(model.recommend(query("me", 1, Algorithm.USER_KNN)))).containsExactly("c");
    }

    @Test
    void contentSimilarEntitiesShareCategoryAndTags() {
        var list = model.similar(similar("n", 3, Algorithm.CONTENT_BASED)).orElseThrow();
        assertThat(ids(list)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(list.items()).allSatisfy(r -> assertThat(r.reason()).isEqualTo("content_based"));
        assertThat(list.coldStart()).isTrue();
    }

    @Test
    void newEntitiesAreReachableThroughContent() {
        model.addInteraction(interaction("me", "a", 5));
        model.addInteraction(interaction("me", "b", 5));
        model.addInteraction(interaction("me", "c", 5));
        var list = model.recommend(query("me", 1, Algorithm.CONTENT_BASED));
        assertThat(ids(list)).containsExactly("n");
        assertThat(list.items().getFirst().reason()).isEqualTo("content_based");
    }

    @Test
    void hybridWeightsOneAndZeroEqualTheSingleSource() {
        warmUser("me", "a", "b", "x");
        var collaborative = model.recommend(query("me", 4, Algorithm.COLLABORATIVE));
        var content = model.recommend(query("me", 4, Algorithm.CONTENT_BASED));
        assertThat(model.recommend(withWeights(user("me", 4), 1, 0)).items()).isEqualTo(collaborative.items());
        assertThat(model.recommend(withWeights(user("me", 4), 0, 1)).items()).isEqualTo(content.items());
        // and the blend differs from both when the sources disagree
        assertThat(ids(collaborative)).isNotEqualTo(ids(content));
    }

    @Test
    void reasonNamesTheStrongestSource() {
        warmUser("me", "a", "b", "x");
        var list = model.recommend(user("me", 4)); // default weights 0.7 / 0.3
        Map<String, String> reasons = new java.util.HashMap<>();
        list.items().forEach(r -> reasons.put(r.entityId(), r.reason()));
        assertThat(reasons.get("n")).isEqualTo("content_based"); // no interactions: only content knows it
        assertThat(reasons.get("y")).isEqualTo("collaborative"); // a shirt: co-interacted with x
        var unknown = model.recommend(user("stranger", 3));
        assertThat(unknown.coldStart()).isTrue();
        assertThat(unknown.items()).extracting(Recommendation::reason).isNotEmpty().isSubsetOf("trending", "popular");
    }

    @Test
    void requestControlsAreHonoured() {
        warmUser("me", "a", "b", "x");
        model.upsertEntity(entity("article", "art1", Map.of("category", "shoes")));

        assertThat(ids(model.recommend(user("me", 10)))).doesNotContain("a", "b", "x").doesNotHaveDuplicates();
        assertThat(ids(model.recommend(withControls(user("me", 10), null, null, Set.of(), false, 0))))
                .contains("a", "b", "x");
        assertThat(ids(model.recommend(withControls(user("me", 10), null, null, Set.of("c", "art1"), true, 0))))
                .doesNotContain("c", "art1");
        assertThat(model.recommend(withControls(user("me", 10), "article", null, Set.of(), true, 0)).items())
                .extracting(Recommendation::entityType).containsOnly("article");
        assertThat(ids(model.recommend(withControls(user("me", 10), null, "category == \"shirts\"", Set.of(), true, 0))))
                .containsExactly("y", "z");
        assertThat(ids(model.recommend(withControls(user("me", 10), null, "price < 50 and not tags contains \"blue\"",
                Set.of(), true, 0)))).isEmpty();
    }

    @Test
    void pagesAreSlicesOfTheFullList() {
        List<String> all = ids(model.recommend(withControls(user("u1", 6), null, null, Set.of(), false, 0)));
        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            paged.addAll(ids(model.recommend(withPage(withControls(user("u1", 6), null, null, Set.of(), false, 0), offset, 2))));
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void unservableEntitiesNeverAppear() {
        model.upsertEntity(hidden("c"));
        model.upsertEntity(window("n", NOW.plusSeconds(3600), null)); // not yet available
        model.upsertEntity(window("z", null, NOW.minusSeconds(1))); // expired
        model.removeEntity(new EntityKey("item", "y"));
        Set<String> gone = Set.of("c", "n", "z", "y");
        for (Algorithm algorithm : Algorithm.values()) {
            var list = model.recommend(withControls(query("u1", 10, algorithm), null, null, Set.of(), false, 0));
            assertThat(ids(list)).as(algorithm.name()).doesNotContainAnyElementsOf(gone).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrder("a", "b", "x");
        }
        assertThat(ids(model.similar(similar("a", 10, Algorithm.HYBRID)).orElseThrow())).doesNotContainAnyElementsOf(gone);
        var lists = new ListQuery(10, 0, null, null, 7);
        assertThat(ids(model.trending(lists))).doesNotContainAnyElementsOf(gone);
        assertThat(ids(model.popular(lists))).doesNotContainAnyElementsOf(gone);
        assertThat(ids(model.latest(lists))).doesNotContainAnyElementsOf(gone);
        assertThat(model.similar(similar("y", 3, Algorithm.HYBRID))).isEmpty();
        assertThat(model.similar(similar("nope", 3, Algorithm.HYBRID))).isEmpty();
    }

    @Test
    void entityBecomingAvailableAppearsWithoutAWrite() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        var ticking = new java.time.Clock() {
            public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            public java.time.Instant instant() { return clock.get(); }
        };
        TenantModel m = new Engine(EngineSettings.defaults(), ticking, Runnable::run).tenant("t");
        m.upsertEntity(window("soon", NOW.plusSeconds(10), null));
        var q = new ListQuery(5, 0, null, null, 7);
        assertThat(ids(m.latest(q))).isEmpty();
        clock.set(NOW.plusSeconds(11));
        assertThat(ids(m.latest(q))).containsExactly("soon");
    }

    @Test
    void listsAreFilledUpToCountFromTheCatalogue() {
        var list = model.recommend(user("u1", 10)); // u1 saw a, b, c: 4 servable entities remain
        assertThat(ids(list)).containsExactlyInAnyOrder("n", "x", "y", "z");
        var filtered = model.recommend(withControls(user("stranger", 10), null, "category == \"shoes\"", Set.of(), true, 0));
        assertThat(ids(filtered)).containsExactlyInAnyOrder("a", "b", "c", "n");
        assertThat(ids(model.popular(new ListQuery(7, 0, null, null, 7)))).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void resultsAreDeterministicForTheSameState() {
        warmUser("me", "a", "x", "y");
        var first = model.recommend(withControls(user("me", 6), null, null, Set.of(), true, 0.5));
        TenantModel twin = model();
        setUpInto(twin);
        warmUserIn(twin, "me", "a", "x", "y");
        assertThat(model.recommend(withControls(user("me", 6), null, null, Set.of(), true, 0.5))).isEqualTo(first);
        assertThat(twin.recommend(withControls(user("me", 6), null, null, Set.of(), true, 0.5)).items())
                .isEqualTo(first.items());
    }

    @Test
    void equalScoresAreOrderedByIdThenType() {
        TenantModel m = model();
        for (String id : List.of("q", "p", "r")) m.upsertEntity(item(id, Map.of("k", "v")));
        m.upsertEntity(entity("aaa", "p", Map.of("k", "v")));
        var list = m.latest(new ListQuery(4, 0, null, null, 7));
        assertThat(list).extracting(r -> r.entityId() + "/" + r.entityType())
                .containsExactly("p/aaa", "p/item", "q/item", "r/item");
    }

    @Test
    void negativeFeedbackSuppresses() {
        warmUser("me", "x", "y", "a");
        model.addInteraction(interaction("me", "n", -2));
        // a disliked item is never returned, even when seen items are allowed
        assertThat(ids(model.recommend(withControls(user("me", 10), null, null, Set.of(), false, 0)))).doesNotContain("n");
        // and it pulls its look-alikes down: with "a" liked, shoes would rank first by content; the dislike of
        // another shoe makes them fall behind the shirt z
        TenantModel plain = model();
        setUpInto(plain);
        warmUserIn(plain, "me", "x", "y", "a");
        var content = Algorithm.CONTENT_BASED;
        double before = scoreOf(plain.recommend(query("me", 10, content)), "c");
        double after = scoreOf(model.recommend(query("me", 10, content)), "c");
        assertThat(after).isLessThan(before);
    }

    @Test
    void coldStartFlagForUnknownAndNewUsers() {
        assertThat(model.recommend(user("nobody", 3)).coldStart()).isTrue();
        model.addInteraction(interaction("fresh", "a", 1));
        var fresh = model.recommend(user("fresh", 3));
        assertThat(fresh.coldStart()).isTrue();
        assertThat(fresh.items()).hasSize(3);
        assertThat(model.recommend(user("u1", 3)).coldStart()).isFalse();
    }

    @Test
    void theNextRequestReflectsAWrite() {
        var q = user("u4", 5);
        var before = model.recommend(q);
        assertThat(model.recommend(q)).isEqualTo(before);
        assertThat(model.cacheHits()).isEqualTo(1);
        String top = before.items().getFirst().entityId();
        model.addInteraction(interaction("u4", top, 1));
        assertThat(ids(model.recommend(q))).doesNotContain(top);
        model.upsertEntity(hidden(ids(before).get(1)));
        assertThat(ids(model.recommend(q))).doesNotContain(ids(before).get(1));
        assertThat(model.cacheMisses()).isEqualTo(3);
    }

    @Test
    void trendingCountsOnlyTheWindowAndPopularAllTime() {
        TenantModel m = model();
        for (String id : List.of("old", "new")) m.upsertEntity(item(id, Map.of("k", id)));
        for (int i = 0; i < 10; i++) m.addInteraction(interaction("o" + i, "old", 1, NOW.minus(java.time.Duration.ofDays(30))));
        m.addInteraction(interaction("n1", "new", 1, NOW.minusSeconds(7200)));
        var q = new ListQuery(2, 0, null, null, 7);
        assertThat(m.trending(q)).extracting(Recommendation::entityId, Recommendation::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new", "trending"),
                        org.assertj.core.groups.Tuple.tuple("old", "popular"));
        assertThat(ids(m.popular(q))).containsExactly("old", "new");
        assertThat(m.interactionCount()).isEqualTo(11);
        assertThat(m.userCount()).isEqualTo(11);
        assertThat(m.entityCount()).isEqualTo(2);
    }

    @Test
    void diversityPrefersVariety() {
        TenantModel m = model();
        for (int i = 0; i < 6; i++) m.upsertEntity(item("s" + i, Map.of("category", "shoes", "tags", List.of("red"))));
        m.upsertEntity(item("t0", Map.of("category", "shirts", "tags", List.of("blue"))));
        m.upsertEntity(item("h0", Map.of("category", "hats", "tags", List.of("green"))));
        for (int i = 0; i < 6; i++) m.addInteraction(interaction("pop" + i, "s" + i, 10 - i));
        m.addInteraction(interaction("pop", "t0", 1));
        m.addInteraction(interaction("pop", "h0", 1));
        var q = new UserQuery("nobody", 3, 0, Algorithm.POPULAR, null, null, null, Set.of(), true, 0);
        assertThat(ids(m.recommend(q))).containsExactly("s0", "s1", "s2");
        var diverse = new UserQuery("nobody", 3, 0, Algorithm.POPULAR, null, null, null, Set.of(), true, 0.9);
        assertThat(ids(m.recommend(diverse))).startsWith("s0").contains("t0", "h0");
    }

    // ---- helpers

    private static double scoreOf(RecommendationList list, String id) {
        return list.items().stream().filter(r -> r.entityId().equals(id)).findFirst().orElseThrow().score();
    }

    private void warmUser(String user, String... items) {
        warmUserIn(model, user, items);
    }

    private static void warmUserIn(TenantModel m, String user, String... items) {
        for (String item : items) m.addInteraction(interaction(user, item, 2));
    }

    private static void setUpInto(TenantModel m) {
        // same data, different insertion order of entities
        for (String id : List.of("z", "y", "x")) {
            m.upsertEntity(item(id, Map.of("category", "shirts", "tags", List.of("blue"), "price", 20)));
        }
        for (String id : List.of("n", "c", "b", "a")) {
            m.upsertEntity(item(id, Map.of("category", "shoes", "tags", List.of("red", "sport"), "price", 80)));
        }
        for (int u = 1; u <= 6; u++) {
            m.addInteraction(interaction("u" + u, "a", 1));
            m.addInteraction(interaction("u" + u, "b", 1));
            if (u <= 3) m.addInteraction(interaction("u" + u, "c", 3));
        }
        for (int v = 1; v <= 4; v++) {
            m.addInteraction(interaction("v" + v, "x", 1));
            m.addInteraction(interaction("v" + v, "y", 1));
        }
    }

    private static Entity hidden(String id) {
        Entity e = item(id, Map.of("category", "gone"));
        return new Entity(e.tenantId(), e.entityType(), e.entityId(), e.attributes(), null, true, null, null,
                e.createdAt(), e.updatedAt());
    }

    private static Entity window(String id, java.time.Instant from, java.time.Instant until) {
        Entity e = item(id, Map.of("category", "timed"));
        return new Entity(e.tenantId(), e.entityType(), e.entityId(), e.attributes(), null, false, from, until,
                e.createdAt(), e.updatedAt());
    }
}
