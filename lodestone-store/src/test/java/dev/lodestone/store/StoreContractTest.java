package dev.lodestone.store;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.eval.EvaluationResult;
import dev.lodestone.core.model.ApiKey;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionType;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Behaviour every {@link Store} implementation must show. Each test works in tenants of its own, so the suite
 * can share one database between tests.
 */
abstract class StoreContractTest {
    private static final Instant T0 = Instant.parse("2025-10-20T10:00:00.123456789Z");

    protected Store store;
    protected String tenant;

    /** Opens the implementation under test on the same database every time it is called within a test. */
    protected abstract Store openStore();

    /** Makes the store's next interaction ids start at least {@code count} above the last one it gave. */
    protected abstract void skipInteractionIds(long count) throws Exception;

    /** Ids per bucket of the history indexes (V3__history_indexes_by_id_bucket.sql). */
    private static final long ID_BUCKET = 1L << 14;

    @BeforeEach
    void open() {
        store = openStore();
        tenant = "t-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        store.close();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Entity entity(String type, String id, Map<String, Object> attributes) {
        return new Entity(tenant, type, id, attributes, null, false, null, null, T0, T0);
    }

    private static Map<String, Object> attrs(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }

    private InteractionDraft draft(String user, String entityId, Instant at, String idempotencyKey) {
        return new InteractionDraft(tenant, user, "product", entityId, "view", InteractionTypeForm.PLAIN, 1.0, null,
                Map.of(), at, idempotencyKey);
    }

    private Interaction append(InteractionDraft draft) {
        return store.appendInteractions(List.of(draft)).getFirst().interaction();
    }

    private List<Interaction> allInteractions(String tenantId) {
        List<Interaction> all = new ArrayList<>();
        store.forEachInteraction(tenantId, null, null, all::add);
        return all;
    }

    // ---- basics ----------------------------------------------------------------------------------------------

    @Test
    void answersPing() {
        assertThat(store.ping()).isTrue();
        assertThat(store.kind()).isIn("sqlite", "postgresql");
    }

    // ---- learned models --------------------------------------------------------------------------------------

    @Test
    void savesALearnedModelReplacesItAndForgetsItWithTheTenant() {
        assertThat(store.loadModel(tenant, "ease")).isEmpty();
        byte[] first = new byte[100_000];
        for (int i = 0; i < first.length; i++) first[i] = (byte) (i * 31);
        store.saveModel(tenant, "ease", T0, first);
        assertThat(store.loadModel(tenant, "ease")).get().isEqualTo(first);
        store.saveModel(tenant, "ease", T0.plusSeconds(60), new byte[] {1, 2, 3});
        assertThat(store.loadModel(tenant, "ease")).get().isEqualTo(new byte[] {1, 2, 3});
        assertThat(store.loadModel(tenant, "other")).isEmpty();
        store.deleteTenant(tenant);
        assertThat(store.loadModel(tenant, "ease")).isEmpty();
    }

    // ---- offline evaluations ----------------------------------------------------------------------------------

    @Test
    void keepsTheLastEvaluationPerTenantAndForgetsItWithTheTenant() {
        assertThat(store.lastEvaluation(tenant)).isEmpty();
        var first = new EvaluationRecord(tenant, "run-1", 10, 1234, T0, T0.plusSeconds(5), List.of(
                new EvaluationResult(Algorithm.HYBRID, 10, 40, 0.25, 0.125, 0.5, 0.0625, 0.3, 0.75),
                new EvaluationResult(Algorithm.POPULAR, 10, 40, 0.1, 0.05, 0.2, 0.02, 0.1, 0.01)));
        store.saveEvaluation(first);
        var read = store.lastEvaluation(tenant).orElseThrow();
        assertThat(read.evaluationId()).isEqualTo("run-1");
        assertThat(read.k()).isEqualTo(10);
        assertThat(read.interactions()).isEqualTo(1234);
        assertThat(read.startedAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        assertThat(read.finishedAt()).isEqualTo(T0.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
        assertThat(read.results()).isEqualTo(first.results());

        var second = new EvaluationRecord(tenant, "run-2", 5, 99, T0.plusSeconds(60), T0.plusSeconds(61),
                List.of(new EvaluationResult(Algorithm.CONTENT_BASED, 5, 3, 1.0, 1.0, 1.0, 0.2, 1.0, 0.5)));
        store.saveEvaluation(second);
        assertThat(store.lastEvaluation(tenant)).get().extracting(EvaluationRecord::evaluationId, EvaluationRecord::k,
                EvaluationRecord::results).containsExactly("run-2", 5, second.results());
        assertThat(store.lastEvaluation("other-" + tenant)).isEmpty();

        store.deleteTenant(tenant);
        assertThat(store.lastEvaluation(tenant)).isEmpty();
    }

    // ---- entities --------------------------------------------------------------------------------------------

    @Test
    void insertsAnEntityOnceAndRefusesTheSameKeyAgain() {
        assertThat(store.insertEntity(entity("product", "p1", attrs("name", "first")))).isTrue();
        assertThat(store.insertEntity(entity("product", "p1", attrs("name", "second")))).isFalse();
        assertThat(store.insertEntity(entity("article", "p1", attrs("name", "other type")))).isTrue();

        assertThat(store.entity(tenant, "product", "p1")).get()
                .extracting(e -> e.attributes().get("name")).isEqualTo("first");
        assertThat(store.countEntities(tenant)).isEqualTo(2);
    }

    @Test
    void replaceKeepsCreatedAtAndReportsMissingEntities() {
        assertThat(store.replaceEntity(entity("product", "absent", attrs("a", 1)))).isEmpty();
        assertThat(store.entity(tenant, "product", "absent")).isEmpty();

        store.insertEntity(entity("product", "p1", attrs("a", 1, "b", 2)));
        Instant later = T0.plusSeconds(60);
        Entity replacement = new Entity(tenant, "product", "p1", attrs("c", 3), new float[] {1f, 2f}, true, later,
                later.plusSeconds(1), later, later);

        Entity stored = store.replaceEntity(replacement).orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        assertThat(stored.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
        Entity read = store.entity(tenant, "product", "p1").orElseThrow();
        assertThat(read.attributes()).containsExactly(Map.entry("c", 3));
        assertThat(read.vector()).containsExactly(1f, 2f);
        assertThat(read.hidden()).isTrue();
        assertThat(read.availableFrom()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
        assertThat(read.expiresAt()).isEqualTo(later.plusSeconds(1).truncatedTo(ChronoUnit.MICROS));
        assertThat(read.createdAt()).isEqualTo(stored.createdAt());
    }

    @Test
    void upsertInsertsThenReplacesKeepingCreatedAt() {
        Entity first = store.upsertEntity(entity("product", "p1", attrs("v", 1)));
        Entity second = store.upsertEntity(new Entity(tenant, "product", "p1", attrs("v", 2), null, false, null, null,
                T0.plusSeconds(5), T0.plusSeconds(5)));

        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
        assertThat(store.entity(tenant, "product", "p1").orElseThrow().attributes()).containsEntry("v", 2);
        assertThat(store.countEntities(tenant)).isEqualTo(1);
    }

    @Test
    void bulkUpsertReturnsRowsInInputOrderAndStoresTheLastOfRepeatedKeys() {
        store.insertEntity(entity("product", "existing", attrs("v", 0)));
        List<Entity> input = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) input.add(entity("product", "p" + i, attrs("v", i)));
        input.add(new Entity(tenant, "product", "existing", attrs("v", "new"), null, false, null, null,
                T0.plusSeconds(9), T0.plusSeconds(9)));
        input.add(entity("product", "p7", attrs("v", "again")));

        List<Entity> stored = store.upsertEntities(input);

        assertThat(stored).extracting(Entity::entityId)
                .containsExactlyElementsOf(input.stream().map(Entity::entityId).toList());
        assertThat(stored.get(1_200).createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        assertThat(store.countEntities(tenant)).isEqualTo(1_201);
        assertThat(store.entity(tenant, "product", "p7").orElseThrow().attributes()).containsEntry("v", "again");
        assertThat(store.entity(tenant, "product", "existing").orElseThrow().attributes()).containsEntry("v", "new");
        assertThat(store.entity(tenant, "product", "p1199").orElseThrow().attributes()).containsEntry("v", 1199);
    }

    @Test
    void deleteRemovesTheEntityButKeepsItsInteractions() {
        store.insertEntity(entity("product", "p1", attrs("a", 1)));
        append(draft("u1", "p1", T0, null));

        assertThat(store.deleteEntity(tenant, "product", "p1")).isTrue();
        assertThat(store.deleteEntity(tenant, "product", "p1")).isFalse();
        assertThat(store.entity(tenant, "product", "p1")).isEmpty();
        assertThat(store.interactionsOfEntity(tenant, "product", "p1", 10, 0)).hasSize(1);
    }

    @Test
    void findsAnIdAcrossTypesOrderedByType() {
        store.insertEntity(entity("video", "x", attrs("n", 1)));
        store.insertEntity(entity("article", "x", attrs("n", 2)));
        store.insertEntity(entity("article", "y", attrs("n", 3)));

        assertThat(store.entitiesWithId(tenant, "x")).extracting(Entity::entityType)
                .containsExactly("article", "video");
        assertThat(store.entitiesWithId(tenant, "nothing")).isEmpty();
        assertThat(store.entitiesWithId("other-" + tenant, "x")).isEmpty();
    }

    @Test
    void attributesRoundTripExactly() {
        Map<String, Object> nested = attrs("z", "last", "a", List.of(1, 2));
        Map<String, Object> attributes = attrs(
                "zeta", "first key",
                "count", 42,
                "big", 9_007_199_254_740_993L,
                "price", new BigDecimal("1.50"),
                "ratio", 0.1,
                "flag", true,
                "tags", List.of("red", "blue"),
                "unicode", "grüße / 東京 \"quoted\"",
                "nested", nested,
                "alpha", false);
        store.insertEntity(entity("product", "p1", attributes));

        Map<String, Object> read = store.entity(tenant, "product", "p1").orElseThrow().attributes();
        assertThat(read.keySet()).containsExactly("zeta", "count", "big", "price", "ratio", "flag", "tags", "unicode",
                "nested", "alpha");
        assertThat(read.get("count")).isInstanceOfAny(Integer.class, Long.class);
        assertThat(((Number) read.get("count")).longValue()).isEqualTo(42);
        assertThat(((Number) read.get("big")).longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.get("price")).isInstanceOf(BigDecimal.class).hasToString("1.50");
        assertThat(((Number) read.get("ratio")).doubleValue()).isEqualTo(0.1);
        assertThat(read.get("flag")).isEqualTo(true);
        assertThat(read.get("tags")).isEqualTo(List.of("red", "blue"));
        assertThat(read.get("unicode")).isEqualTo("grüße / 東京 \"quoted\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> readNested = (Map<String, Object>) read.get("nested");
        assertThat(readNested.keySet()).containsExactly("z", "a");
        assertThat(readNested.get("a")).isEqualTo(List.of(1, 2));
    }

    @Test
    void instantsRoundTripToTheMicrosecond() {
        Instant created = Instant.parse("1969-07-20T20:17:40.999999999Z");
        Instant available = Instant.parse("2030-01-01T00:00:00.000001Z");
        store.insertEntity(new Entity(tenant, "product", "p1", attrs("a", 1), null, false, available,
                available.plusNanos(1_500), created, T0));

        Entity read = store.entity(tenant, "product", "p1").orElseThrow();
        assertThat(read.createdAt()).isEqualTo(Instant.parse("1969-07-20T20:17:40.999999Z"));
        assertThat(read.updatedAt()).isEqualTo(Instant.parse("2025-10-20T10:00:00.123456Z"));
        assertThat(read.availableFrom()).isEqualTo(available);
        assertThat(read.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.000002Z"));
    }

    @Test
    void fillsMissingTimestampsWithNow() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Entity stored = store.upsertEntity(new Entity(tenant, "product", "p1", attrs("a", 1), null, false, null, null,
                null, null));
        assertThat(stored.createdAt()).isAfterOrEqualTo(before).isEqualTo(stored.updatedAt());
        assertThat(store.entity(tenant, "product", "p1").orElseThrow().createdAt()).isEqualTo(stored.createdAt());
    }

    @Test
    void vectorsRoundTrip() {
        float[] vector = {0f, -1.5f, 3.4028235e38f, 1.4e-45f, 0.333333f};
        store.insertEntity(new Entity(tenant, "product", "v", attrs("a", 1), vector, false, null, null, T0, T0));
        store.insertEntity(entity("product", "none", attrs("a", 1)));

        assertThat(store.entity(tenant, "product", "v").orElseThrow().vector()).containsExactly(vector);
        assertThat(store.entity(tenant, "product", "none").orElseThrow().vector()).isNull();
    }

    @Test
    void streamsEntitiesInTypeAndIdOrderWithFilters() {
        for (String id : List.of("b", "a", "c")) store.insertEntity(entity("product", id, attrs("x", id)));
        store.insertEntity(entity("article", "z", attrs("x", "z")));
        store.upsertEntity(new Entity(tenant, "product", "c", attrs("x", "c2"), null, false, null, null, T0,
                T0.plusSeconds(100)));
        store.insertEntity(new Entity("other-" + tenant, "product", "a", attrs("x", 1), null, false, null, null, T0, T0));

        List<String> all = new ArrayList<>();
        store.forEachEntity(tenant, null, null, e -> all.add(e.entityType() + "/" + e.entityId()));
        assertThat(all).containsExactly("article/z", "product/a", "product/b", "product/c");

        List<String> products = new ArrayList<>();
        store.forEachEntity(tenant, "product", null, e -> products.add(e.entityId()));
        assertThat(products).containsExactly("a", "b", "c");

        List<String> modified = new ArrayList<>();
        store.forEachEntity(tenant, null, T0, e -> modified.add(e.entityId()));
        assertThat(modified).containsExactly("c");
    }

    @Test
    void aSinkFailureReachesTheCallerUnchanged() {
        store.insertEntity(entity("product", "a", attrs("x", 1)));
        IllegalStateException failure = new IllegalStateException("client went away");
        assertThatThrownBy(() -> store.forEachEntity(tenant, null, null, e -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(store.ping()).isTrue();
    }

    // ---- interactions ----------------------------------------------------------------------------------------

    @Test
    void appendsInteractionsWithAllTheirFields() {
        Map<String, Object> metadata = attrs("source", "email", "position", 3, "score", new BigDecimal("0.75"),
                "promo", true);
        InteractionDraft rating = new InteractionDraft(tenant, "u1", "product", "p1", "rating",
                InteractionTypeForm.RATING_OBJECT, 4.5, 4.5, metadata, T0, null);
        InteractionDraft custom = new InteractionDraft(tenant, "u1", "product", "p2", "share",
                InteractionTypeForm.CUSTOM_OBJECT, -2, null, null, T0.plusSeconds(1), null);

        List<AppendResult> results = store.appendInteractions(List.of(rating, custom));

        assertThat(results).allMatch(AppendResult::created);
        Interaction first = results.get(0).interaction();
        Interaction second = results.get(1).interaction();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(first.timestamp()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        assertThat(second.metadata()).isEmpty();

        List<Interaction> stored = allInteractions(tenant);
        assertThat(stored).containsExactly(first, second);
        Interaction read = stored.getFirst();
        assertThat(read.typeForm()).isEqualTo(InteractionTypeForm.RATING_OBJECT);
        assertThat(read.value()).isEqualTo(4.5);
        assertThat(read.weight()).isEqualTo(4.5);
        assertThat(read.metadata().keySet()).containsExactly("source", "position", "score", "promo");
        assertThat(read.metadata().get("score")).hasToString("0.75");
        assertThat(stored.get(1).value()).isNull();
        assertThat(stored.get(1).weight()).isEqualTo(-2);
        assertThat(store.interactionsInRange(first.id(), second.id())).containsExactly(first, second);
        assertThat(store.countInteractions(tenant)).isEqualTo(2);
    }

    @Test
    void largeAppendsRoundTripEveryFieldAndAwkwardText() {
        // Large enough for PostgreSQL's COPY path; text with the characters its format escapes.
        String awkward = "tab\there, line\nbreak, cr\r, back\\slash \\N, quote \" ' ünïcødé ✓";
        List<InteractionDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Map<String, Object> metadata = i % 3 == 0 ? Map.of() : attrs("note", awkward + i, "n", i, "ok", i % 2 == 0);
            drafts.add(new InteractionDraft(tenant, "user " + awkward + (i % 7), "product", "p\t" + i,
                    i % 2 == 0 ? "rating" : "view", i % 2 == 0 ? InteractionTypeForm.RATING_OBJECT
                    : InteractionTypeForm.PLAIN, i % 2 == 0 ? 1.0 / (i + 3) : -2.5e-7 * i, i % 2 == 0 ? 1e10 + i : null,
                    metadata, T0.plusNanos(1_001L * i), null));
        }
        List<Interaction> appended = store.appendInteractions(drafts).stream().map(AppendResult::interaction).toList();

        assertThat(allInteractions(tenant)).containsExactlyElementsOf(appended);
        Interaction sample = allInteractions(tenant).get(4);
        assertThat(sample.userId()).isEqualTo("user " + awkward + 4);
        assertThat(sample.entityId()).isEqualTo("p\t4");
        assertThat(sample.metadata().get("note")).isEqualTo(awkward + 4);
        assertThat(sample.value()).isEqualTo(1e10 + 4);
        assertThat(sample.timestamp()).isEqualTo(T0.plusNanos(4_004L).truncatedTo(ChronoUnit.MICROS));
        assertThat(store.interactionsOfUser(tenant, "user " + awkward + 4, 100, 0)).hasSize(21);
    }

    @Test
    void largeKeyedAppendsReplayEveryStoredKeyAndStoreTheRest() {
        List<InteractionDraft> firstRound = new ArrayList<>();
        for (int i = 0; i < 700; i++) firstRound.add(draft("u" + i, "p1", T0, "key-" + i));
        List<Interaction> stored = store.appendInteractions(firstRound).stream().map(AppendResult::interaction).toList();

        List<InteractionDraft> secondRound = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            secondRound.add(draft("other", "p2", T0, "key-" + i)); // replays
            secondRound.add(draft("u" + i, "p3", T0, "new-" + i));
        }
        List<AppendResult> results = store.appendInteractions(secondRound);
        for (int i = 0; i < 700; i++) {
            assertThat(results.get(2 * i)).isEqualTo(new AppendResult(stored.get(i), false));
            assertThat(results.get(2 * i + 1).created()).isTrue();
            assertThat(results.get(2 * i + 1).interaction().entityId()).isEqualTo("p3");
        }
        assertThat(store.countInteractions(tenant)).isEqualTo(1_400);
    }

    @Test
    void historiesAreNewestFirstAndPaginated() {
        // Two events share a timestamp: the later id comes first.
        Interaction a = append(draft("u1", "p1", T0, null));
        Interaction b = append(draft("u1", "p2", T0.plusSeconds(10), null));
        Interaction c = append(draft("u1", "p3", T0.minusSeconds(10), null));
        Interaction d = append(draft("u1", "p1", T0, null));
        Interaction other = append(draft("u2", "p1", T0.plusSeconds(5), null));

        assertThat(store.interactionsOfUser(tenant, "u1", 10, 0)).containsExactly(b, d, a, c);
        assertThat(store.interactionsOfUser(tenant, "u1", 2, 1)).containsExactly(d, a);
        assertThat(store.interactionsOfUser(tenant, "u1", 10, 4)).isEmpty();
        assertThat(store.interactionsOfEntity(tenant, "product", "p1", 10, 0)).containsExactly(other, d, a);
        assertThat(store.interactionsOfEntity(tenant, null, "p1", 1, 1)).containsExactly(d);
        assertThat(store.interactionsOfEntity(tenant, "article", "p1", 10, 0)).isEmpty();
    }

    @Test
    void historiesSpanningManyIdBucketsAreNewestFirst() throws Exception {
        // Timestamps run against ids across buckets, and an empty bucket lies between, so no bucket order helps.
        List<Interaction> ofU1 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ofU1.add(append(draft("u1", "p1", T0.minusSeconds(i), null)));
            append(draft("u2", "p1", T0.plusSeconds(100 + i), null));
            skipInteractionIds(i == 1 ? 3 * ID_BUCKET : ID_BUCKET);
        }
        assertThat(ofU1.getLast().id() - ofU1.getFirst().id()).isGreaterThan(5 * ID_BUCKET);
        assertThat(store.interactionsOfUser(tenant, "u1", 10, 0)).containsExactlyElementsOf(ofU1);
        assertThat(store.interactionsOfUser(tenant, "u1", 2, 1)).containsExactlyElementsOf(ofU1.subList(1, 3));
        List<Interaction> ofP1 = store.interactionsOfEntity(tenant, null, "p1", 3, 0);
        assertThat(ofP1).extracting(Interaction::userId).containsOnly("u2");
        assertThat(ofP1).extracting(Interaction::timestamp).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(store.interactionsOfEntity(tenant, "product", "p1", 100, 0)).hasSize(8);
        assertThat(store.interactionsOfUser("no-interactions-" + tenant, "u1", 10, 0)).isEmpty();
    }

    @Test
    void streamsInteractionsInIdOrderWithinATimeRange() {
        Interaction early = append(draft("u1", "p1", T0.plusSeconds(30), null));
        Interaction middle = append(draft("u1", "p2", T0, null));
        Interaction late = append(draft("u2", "p3", T0.plusSeconds(60), null));
        append(new InteractionDraft("other-" + tenant, "u1", "product", "p1", "view", InteractionTypeForm.PLAIN, 1,
                null, Map.of(), T0, null));

        assertThat(allInteractions(tenant)).containsExactly(early, middle, late);
        List<Interaction> ranged = new ArrayList<>();
        store.forEachInteraction(tenant, T0.plusSeconds(30), T0.plusSeconds(60), ranged::add);
        assertThat(ranged).containsExactly(early);
    }

    @Test
    void summarisesUsers() {
        append(draft("u2", "p1", T0, null));
        append(draft("u1", "p1", T0.plusSeconds(5), null));
        append(draft("u1", "p2", T0.minusSeconds(5), null));

        List<UserSummary> users = new ArrayList<>();
        store.forEachUser(tenant, users::add);
        Instant t0 = T0.truncatedTo(ChronoUnit.MICROS);
        assertThat(users).containsExactly(
                new UserSummary(tenant, "u1", 2, t0.minusSeconds(5), t0.plusSeconds(5)),
                new UserSummary(tenant, "u2", 1, t0, t0));
    }

    @Test
    void idempotencyKeysStoreOnceAndReplayTheFirstResult() {
        AppendResult first = store.appendInteractions(List.of(draft("u1", "p1", T0, "key-1"))).getFirst();
        AppendResult replay = store.appendInteractions(List.of(draft("u1", "p-different", T0.plusSeconds(1), "key-1")))
                .getFirst();

        assertThat(first.created()).isTrue();
        assertThat(replay.created()).isFalse();
        assertThat(replay.interaction()).isEqualTo(first.interaction());

        List<AppendResult> batch = store.appendInteractions(List.of(
                draft("u1", "p2", T0, "key-2"), draft("u1", "p3", T0, null), draft("u1", "p2", T0, "key-2"),
                draft("u1", "p9", T0, "key-1")));
        assertThat(batch).extracting(AppendResult::created).containsExactly(true, true, false, false);
        assertThat(batch.get(2).interaction()).isEqualTo(batch.get(0).interaction());
        assertThat(batch.get(3).interaction()).isEqualTo(first.interaction());
        assertThat(store.countInteractions(tenant)).isEqualTo(3);

        // The same key in another tenant is another key.
        String otherTenant = "other-" + tenant;
        AppendResult elsewhere = store.appendInteractions(List.of(new InteractionDraft(otherTenant, "u1", "product",
                "p1", "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), T0, "key-1"))).getFirst();
        assertThat(elsewhere.created()).isTrue();
    }

    @Test
    void idempotencyKeysExpireWhenPrunedAndTheKeyThenStoresAgain() {
        AppendResult first = store.appendInteractions(List.of(draft("u1", "p1", T0, "key-1"))).getFirst();
        store.appendInteractions(List.of(draft("u1", "p2", T0, "key-2")));

        assertThat(store.pruneIdempotencyKeys(Instant.now().minus(Duration.ofHours(1)))).as("nothing that old").isZero();
        assertThat(store.appendInteractions(List.of(draft("u1", "p1", T0, "key-1"))).getFirst().created()).isFalse();

        assertThat(store.pruneIdempotencyKeys(Instant.now().plusSeconds(60))).as("these two and any other test's").isGreaterThanOrEqualTo(2);
        AppendResult afterExpiry = store.appendInteractions(List.of(draft("u1", "p1", T0, "key-1"))).getFirst();
        assertThat(afterExpiry.created()).isTrue();
        assertThat(afterExpiry.interaction().id()).isNotEqualTo(first.interaction().id());
        assertThat(store.appendInteractions(List.of(draft("u1", "p1", T0, "key-1"))).getFirst().created())
                .as("the new key dedups again").isFalse();
    }

    @Test
    void concurrentReplaysStoreOnce() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AppendResult>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.appendInteractions(List.of(draft("u1", "p1", T0, "same-key"))).getFirst();
                }));
            }
            start.countDown();
            List<AppendResult> results = new ArrayList<>();
            for (Future<AppendResult> f : futures) results.add(f.get());

            assertThat(results).filteredOn(AppendResult::created).hasSize(1);
            assertThat(results).extracting(r -> r.interaction().id()).containsOnly(results.getFirst().interaction().id());
            assertThat(store.countInteractions(tenant)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSingleAppendsAreGroupCommittedInOrder() throws Exception {
        int threads = 32;
        int perThread = 200;
        JdbcStore jdbc = (JdbcStore) store;
        long transactionsBefore = jdbc.committer().transactions();
        long changesBefore = store.lastChangeSequence();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = "u" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) ids.add(append(draft(user, "p" + i, T0, null)).id());
                    return ids;
                }));
            }
            start.countDown();
            Set<Long> allIds = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                List<Long> ids = f.get();
                // One thread's appends commit one after the other, so its ids increase.
                assertThat(ids).isSorted().doesNotHaveDuplicates();
                allIds.addAll(ids);
            }
            int appends = threads * perThread;
            assertThat(allIds).hasSize(appends);

            List<Interaction> stored = allInteractions(tenant);
            assertThat(stored).hasSize(appends);
            assertThat(stored).extracting(Interaction::id).isSorted().containsExactlyInAnyOrderElementsOf(allIds);

            // One change per append, in commit (id) order, each naming exactly its interaction.
            List<Change> changes = store.changesAfter(changesBefore, appends + 10);
            assertThat(changes).extracting(Change::kind).containsOnly(Change.Kind.INTERACTIONS_APPENDED);
            assertThat(changes).extracting(Change::key)
                    .containsExactlyElementsOf(stored.stream().map(i -> Long.toString(i.id())).toList());
            assertThat(changes).allMatch(c -> c.firstInteractionId() == c.lastInteractionId());

            long transactions = jdbc.committer().transactions() - transactionsBefore;
            assertThat(transactions).isPositive().isLessThan(appends / 4);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- registry ----------------------------------------------------------------------------------------------

    @Test
    void registryUpsertKeepsAnOmittedDescription() {
        InteractionType created = store.upsertInteractionType(tenant, "share", 2.5, "Shared with a friend");
        InteractionType updated = store.upsertInteractionType(tenant, "share", 4.0, null);
        store.upsertInteractionType(tenant, "dislike", -2, null);
        store.upsertInteractionType("other-" + tenant, "zzz", 1, null);

        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.weight()).isEqualTo(4.0);
        assertThat(updated.description()).isEqualTo("Shared with a friend");
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(store.interactionType(tenant, "share")).contains(updated);
        assertThat(store.interactionTypes(tenant)).extracting(InteractionType::name).containsExactly("dislike", "share");
        assertThat(store.interactionType(tenant, "view")).as("built-ins are not stored").isEmpty();

        assertThat(store.deleteInteractionType(tenant, "share")).isTrue();
        assertThat(store.deleteInteractionType(tenant, "share")).isFalse();
        assertThat(store.interactionTypes(tenant)).extracting(InteractionType::name).containsExactly("dislike");
    }

    // ---- API keys ----------------------------------------------------------------------------------------------

    @Test
    void publishableKeysKeepTheirKindAndOrigins() {
        String hash = "pk-hash-" + UUID.randomUUID();
        var key = new ApiKey("k-" + UUID.randomUUID(), tenant, "storefront", hash, T0, ApiKey.Kind.PUBLISHABLE,
                List.of("https://shop.example", "http://localhost:3000"));
        store.insertApiKey(key);
        ApiKey found = store.apiKeyByHash(hash).orElseThrow();
        assertThat(found.publishable()).isTrue();
        assertThat(found.allowedOrigins()).containsExactly("https://shop.example", "http://localhost:3000");
        assertThat(found.allowPurchases()).isFalse();
        assertThat(store.allApiKeys()).contains(found);

        String buying = "pk-hash-" + UUID.randomUUID();
        store.insertApiKey(new ApiKey("k-" + UUID.randomUUID(), tenant, "checkout", buying, T0, ApiKey.Kind.PUBLISHABLE,
                List.of("https://shop.example"), true));
        assertThat(store.apiKeyByHash(buying).orElseThrow().allowPurchases()).isTrue();
    }

    @Test
    void abEventsAreCountedPerVariantAndDuplicatesIgnored() {
        var event = new AbEvent(tenant, "t1", "A", "u1", "impression", T0, Map.of("widget", "similar"));
        store.insertAbEvents(List.of(event, new AbEvent(tenant, "t1", "A", "u1", "impression", T0.plusSeconds(5), Map.of()),
                new AbEvent(tenant, "t1", "A", "u2", "impression", T0, Map.of()),
                new AbEvent(tenant, "t1", "B", "u3", "impression", T0, Map.of()),
                new AbEvent(tenant, "t1", "B", "u3", "conversion", T0, Map.of()),
                new AbEvent(tenant, "t2", "A", "u1", "impression", T0, Map.of())));
        store.insertAbEvents(List.of(event)); // a resent event
        assertThat(store.abCounts(tenant, "t1")).containsExactly(
                new AbCount("A", "impression", 3, 2),
                new AbCount("B", "conversion", 1, 1),
                new AbCount("B", "impression", 1, 1));
        assertThat(store.abCounts("other-" + tenant, "t1")).isEmpty();
        store.deleteTenant(tenant);
        assertThat(store.abCounts(tenant, "t1")).isEmpty();
    }

    @Test
    void apiKeysAreFoundByHashAndDeletedPerTenant() {
        String hash = "hash-" + UUID.randomUUID();
        ApiKey key = new ApiKey("k-" + UUID.randomUUID(), tenant, "ci", hash, T0);
        store.insertApiKey(key);
        store.insertApiKey(new ApiKey("k-" + UUID.randomUUID(), tenant, null, "hash-" + UUID.randomUUID(),
                T0.plusSeconds(1)));

        ApiKey found = store.apiKeyByHash(hash).orElseThrow();
        assertThat(found).isEqualTo(new ApiKey(key.keyId(), tenant, "ci", hash, T0.truncatedTo(ChronoUnit.MICROS)));
        assertThat(store.apiKeys(tenant)).hasSize(2).first().isEqualTo(found);
        assertThatThrownBy(() -> store.insertApiKey(new ApiKey("k-" + UUID.randomUUID(), tenant, null, hash, T0)))
                .isInstanceOf(StoreException.class);

        assertThat(store.deleteApiKey("other-" + tenant, key.keyId())).isFalse();
        assertThat(store.deleteApiKey(tenant, key.keyId())).isTrue();
        assertThat(store.apiKeyByHash(hash)).isEmpty();
        assertThat(store.apiKeys(tenant)).hasSize(1);
    }

    // ---- tenants -----------------------------------------------------------------------------------------------

    @Test
    void ensureTenantCreatesOnce() {
        Tenant first = store.ensureTenant(tenant, "Shop");
        Tenant again = store.ensureTenant(tenant, "Renamed");

        assertThat(again).isEqualTo(first);
        assertThat(first.name()).isEqualTo("Shop");
        assertThat(store.createTenant(new Tenant(tenant, "x", null))).isFalse();
        String second = "second-" + tenant;
        assertThat(store.createTenant(new Tenant(second, null, T0))).isTrue();
        assertThat(store.tenant(second)).contains(new Tenant(second, null, T0.truncatedTo(ChronoUnit.MICROS)));
        assertThat(store.tenants()).extracting(Tenant::tenantId).contains(tenant, second);
    }

    @Test
    void deletingATenantRemovesAllItsDataAndNothingElse() {
        String other = "other-" + tenant;
        for (String t : List.of(tenant, other)) {
            store.ensureTenant(t, null);
            store.insertEntity(new Entity(t, "product", "p1", attrs("a", 1), null, false, null, null, T0, T0));
            store.appendInteractions(List.of(new InteractionDraft(t, "u1", "product", "p1", "view",
                    InteractionTypeForm.PLAIN, 1, null, Map.of(), T0, "idem")));
            store.upsertInteractionType(t, "share", 2, null);
            store.insertApiKey(new ApiKey("k-" + t, t, null, "h-" + t, T0));
        }

        assertThat(store.deleteTenant(tenant)).isTrue();

        assertThat(store.tenant(tenant)).isEmpty();
        assertThat(store.countEntities(tenant)).isZero();
        assertThat(store.countInteractions(tenant)).isZero();
        assertThat(store.interactionTypes(tenant)).isEmpty();
        assertThat(store.apiKeys(tenant)).isEmpty();
        assertThat(store.apiKeyByHash("h-" + tenant)).isEmpty();
        // The idempotency key is gone too: the same key stores anew.
        assertThat(store.appendInteractions(List.of(draft("u1", "p1", T0, "idem"))).getFirst().created()).isTrue();

        assertThat(store.tenant(other)).isPresent();
        assertThat(store.countEntities(other)).isEqualTo(1);
        assertThat(store.countInteractions(other)).isEqualTo(1);
        assertThat(store.interactionTypes(other)).hasSize(1);
        assertThat(store.apiKeyByHash("h-" + other)).isPresent();
        assertThat(store.deleteTenant("never-" + tenant)).isFalse();
    }

    // ---- change feed -------------------------------------------------------------------------------------------

    @Test
    void changeFeedReportsEveryWriteInCommitOrder() {
        long before = store.lastChangeSequence();
        store.insertEntity(entity("product", "p1", attrs("a", 1)));
        store.upsertEntities(List.of(entity("product", "p2", attrs("a", 2)), entity("article", "p3", attrs("a", 3))));
        Interaction appended = append(draft("u1", "p1", T0, null));
        store.upsertInteractionType(tenant, "share", 2, null);
        store.deleteEntity(tenant, "product", "p1");
        store.insertEntity(entity("product", "p2", attrs("a", "conflict: no change")));

        List<Change> changes = store.changesAfter(before, 100);
        assertThat(changes).extracting(Change::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(changes).allMatch(c -> c.tenantId().equals(tenant));
        assertThat(changes).extracting(Change::kind, Change::entityType, Change::key).containsExactly(
                tuple(Change.Kind.ENTITY_UPSERTED, "product", "p1"),
                tuple(Change.Kind.ENTITY_UPSERTED, "product", "p2"),
                tuple(Change.Kind.ENTITY_UPSERTED, "article", "p3"),
                tuple(Change.Kind.INTERACTIONS_APPENDED, null, Long.toString(appended.id())),
                tuple(Change.Kind.INTERACTION_TYPE_CHANGED, null, "share"),
                tuple(Change.Kind.ENTITY_DELETED, "product", "p1"));
        assertThat(store.lastChangeSequence()).isEqualTo(changes.getLast().sequence());
        assertThat(store.changesAfter(before, 2)).containsExactlyElementsOf(changes.subList(0, 2));
        assertThat(store.changesAfter(changes.getLast().sequence(), 10)).isEmpty();

        // Deleting the tenant drops its feed rows too and leaves one change that says so.
        store.deleteTenant(tenant);
        List<Change> afterDelete = store.changesAfter(before, 100);
        assertThat(afterDelete).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Change.Kind.TENANT_DELETED);
            assertThat(c.key()).isEqualTo(tenant);
            assertThat(c.sequence()).isGreaterThan(changes.getLast().sequence());
        });
    }

    @Test
    void oneAppendCallRecordsOneChangePerTenantRunNamingItsIdRange() {
        String other = "other-" + tenant;
        append(draft("u0", "p0", T0, "replayed"));
        long before = store.lastChangeSequence();
        List<InteractionDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 3; i++) drafts.add(draft("u" + i, "p1", T0, null));
        drafts.add(draft("u9", "p1", T0, "replayed")); // stores nothing: in no range
        drafts.add(new InteractionDraft(other, "u1", "product", "p1", "view", InteractionTypeForm.PLAIN, 1.0, null,
                Map.of(), T0, null));
        drafts.add(draft("u3", "p2", T0, null));
        List<Interaction> stored = store.appendInteractions(drafts).stream().filter(AppendResult::created)
                .map(AppendResult::interaction).toList();
        assertThat(stored).hasSize(5);

        List<Change> changes = store.changesAfter(before, 100);
        assertThat(changes).extracting(Change::tenantId, Change::kind, Change::key, Change::lastInteractionId)
                .containsExactly(
                        tuple(tenant, Change.Kind.INTERACTIONS_APPENDED, Long.toString(stored.get(0).id()),
                                stored.get(2).id()),
                        tuple(other, Change.Kind.INTERACTIONS_APPENDED, Long.toString(stored.get(3).id()),
                                stored.get(3).id()),
                        tuple(tenant, Change.Kind.INTERACTIONS_APPENDED, Long.toString(stored.get(4).id()),
                                stored.get(4).id()));
        Change first = changes.getFirst();
        assertThat(store.interactionsInRange(first.firstInteractionId(), first.lastInteractionId()))
                .containsExactlyElementsOf(stored.subList(0, 3));
        assertThat(store.interactionsInRange(stored.get(0).id(), stored.get(4).id())).isEqualTo(stored);
        assertThat(store.interactionsInRange(stored.get(4).id() + 1, stored.get(4).id() + 100)).isEmpty();
        assertThat(store.interactionsInRange(5, 4)).isEmpty();
        store.deleteTenant(other);
    }

    @Test
    void pruningDropsOldChangesButKeepsTheNewest() throws Exception {
        store.insertEntity(entity("product", "p1", attrs("a", 1)));
        append(draft("u1", "p1", T0, null));
        Thread.sleep(5); // the prune bound must lie strictly after the commits above
        Instant bound = Instant.now();
        Thread.sleep(5);
        store.insertEntity(entity("product", "p2", attrs("a", 2)));
        long last = store.lastChangeSequence();

        assertThat(store.pruneChanges(bound)).isGreaterThanOrEqualTo(2);
        assertThat(store.changesAfter(0, 1_000)).extracting(Change::key).containsExactly("p2");
        assertThat(store.lastChangeSequence()).isEqualTo(last);

        // Everything is old: all but the newest change go, and the sequence goes on from there.
        assertThat(store.pruneChanges(Instant.now().plusSeconds(60))).isZero();
        assertThat(store.changesAfter(0, 1_000)).extracting(Change::sequence).containsExactly(last);
        store.insertEntity(entity("product", "p3", attrs("a", 3)));
        assertThat(store.changesAfter(last, 10)).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("p3");
            assertThat(c.sequence()).isGreaterThan(last);
        });
        assertThat(store.pruneChanges(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(store.lastChangeSequence()).isGreaterThan(last);
    }

    // ---- durability --------------------------------------------------------------------------------------------

    @Test
    void reopeningFindsEverythingAcknowledged() {
        store.ensureTenant(tenant, "Shop");
        store.insertEntity(new Entity(tenant, "product", "p1", attrs("price", new BigDecimal("9.90")),
                new float[] {0.5f}, false, null, null, T0, T0));
        List<AppendResult> appended = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) appended.addAll(store.appendInteractions(List.of(draft("u" + i, "p1", T0, "k" + i))));
        store.upsertInteractionType(tenant, "share", 3, "shared");
        store.insertApiKey(new ApiKey("k-" + tenant, tenant, "n", "h-" + tenant, T0));
        long lastChange = store.lastChangeSequence();
        store.close();

        store = openStore();
        assertThat(store.tenant(tenant)).get().extracting(Tenant::name).isEqualTo("Shop");
        Entity p1 = store.entity(tenant, "product", "p1").orElseThrow();
        assertThat(p1.attributes().get("price")).hasToString("9.90");
        assertThat(p1.vector()).containsExactly(0.5f);
        assertThat(allInteractions(tenant)).containsExactlyElementsOf(appended.stream().map(AppendResult::interaction).toList());
        assertThat(store.appendInteractions(List.of(draft("u0", "p1", T0, "k0"))).getFirst())
                .isEqualTo(new AppendResult(appended.getFirst().interaction(), false));
        assertThat(store.interactionType(tenant, "share")).get().extracting(InteractionType::description)
                .isEqualTo("shared");
        assertThat(store.apiKeyByHash("h-" + tenant)).isPresent();
        assertThat(store.lastChangeSequence()).isEqualTo(lastChange);

        Interaction next = append(draft("u1", "p1", T0, null));
        assertThat(next.id()).isGreaterThan(appended.getLast().interaction().id());
    }

    @Test
    void writesAfterCloseFailClearly() {
        store.close();
        assertThatThrownBy(() -> store.insertEntity(entity("product", "p1", attrs("a", 1))))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        store = openStore();
    }
}
