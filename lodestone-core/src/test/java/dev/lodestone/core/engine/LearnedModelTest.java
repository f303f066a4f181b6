package dev.lodestone.core.engine;

import dev.lodestone.core.engine.learned.EaseCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static dev.lodestone.core.engine.Fixtures.NOW;
import static dev.lodestone.core.engine.Fixtures.interaction;
import static dev.lodestone.core.engine.Fixtures.item;
import static dev.lodestone.core.engine.Fixtures.query;
import static org.assertj.core.api.Assertions.assertThat;

/** The learned EASE model: trained on demand, folded in from live history, persisted and restored whole. */
class LearnedModelTest {
    private final AtomicReference<byte[]> saved = new AtomicReference<>();
    private TenantModel model;

    /** Two taste groups of 10 items (a0.., b0..); 60 users each liking 5 items of one group. */
    @BeforeEach
    void load() {
        model = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run,
                (tenant, blob) -> saved.set(blob)).tenant("t");
        fill(model);
    }

    private static void fill(TenantModel model) {
        for (String g : List.of("a", "b")) for (int i = 0; i < 10; i++) model.upsertEntity(item(g + i, Map.of("g", g)));
        Random random = new Random(3);
        for (int u = 0; u < 60; u++) {
            String g = u % 2 == 0 ? "a" : "b";
            for (int k = 0; k < 5; k++) model.addInteraction(interaction("u" + u, g + random.nextInt(10), 1));
        }
    }

    @Test
    void aTrainingThatEndsAfterItsTenantWasDeletedIsNotSaved() {
        var engine = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run,
                (tenant, blob) -> saved.set(blob));
        TenantModel doomed = engine.tenant("doomed");
        fill(doomed);
        engine.dropTenant("doomed");
        // the training running on the dropped model finishes, but a tenant created again must not inherit its model
        assertThat(doomed.learner().train()).isTrue();
        assertThat(saved.get()).isNull();
        assertThat(engine.existing("doomed")).isEmpty();
        // a live tenant's training is saved as before
        fill(engine.tenant("alive"));
        assertThat(engine.tenant("alive").learner().train()).isTrue();
        assertThat(saved.get()).isNotNull();
    }

    @Test
    void withoutATrainingTheEaseListIsOnlyAFill() {
        assertThat(model.learner().status().trainedAt()).isNull();
        var list = model.recommend(query("new", 3, Algorithm.EASE));
        assertThat(list.items()).allSatisfy(r -> assertThat(r.score()).isZero());
    }

    @Test
    void aNewInteractionChangesTheNextAnswerWithoutRetraining() {
        assertThat(model.learner().train()).isTrue();
        var status = model.learner().status();
        assertThat(status.items()).isEqualTo(20);
        assertThat(status.bytes()).isPositive();
        assertThat(status.trainedAt()).isEqualTo(NOW);

        model.addInteraction(interaction("fresh", "a1", 1));
        List<String> first = ids(model.recommend(query("fresh", 5, Algorithm.EASE)));
        assertThat(first).allMatch(id -> id.startsWith("a"));
        model.addInteraction(interaction("fresh", "b1", 1));
        model.addInteraction(interaction("fresh", "b2", 1));
        model.addInteraction(interaction("fresh", "b3", 1));
        List<String> second = ids(model.recommend(query("fresh", 5, Algorithm.EASE)));
        assertThat(second).isNotEqualTo(first).anyMatch(id -> id.startsWith("b"));
        assertThat(model.recommend(query("fresh", 5, Algorithm.EASE)).items())
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo("collaborative"));
    }

    @Test
    void aPersistedModelServesTheSameListsAfterARestart() {
        model.learner().train();
        List<String> before = ids(model.recommend(query("u0", 5, Algorithm.EASE)));
        byte[] blob = saved.get();
        assertThat(blob).isNotNull();

        TenantModel restarted = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run)
                .tenant("t");
        // a different catalogue order on the new node: columns are matched by key, not index
        List<String> order = new ArrayList<>();
        for (String g : List.of("b", "a")) for (int i = 9; i >= 0; i--) order.add(g + i);
        for (String id : order) restarted.upsertEntity(item(id, Map.of("g", id.substring(0, 1))));
        Random random = new Random(3);
        for (int u = 0; u < 60; u++) {
            String g = u % 2 == 0 ? "a" : "b";
            for (int k = 0; k < 5; k++) restarted.addInteraction(interaction("u" + u, g + random.nextInt(10), 1));
        }
        restarted.learner().install(blob);
        assertThat(ids(restarted.recommend(query("u0", 5, Algorithm.EASE)))).isEqualTo(before);
        assertThat(restarted.learner().status().items()).isEqualTo(20);
    }

    @Test
    void hybridBlendsTheModelAndStillExplainsAsCollaborative() {
        model.learner().train();
        var list = model.recommend(query("u0", 5, Algorithm.HYBRID));
        assertThat(list.items()).hasSize(5).allSatisfy(r -> assertThat(r.entityId()).startsWith("a"));
    }

    @Test
    void decodingRejectsBytesThatAreNotAModel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EaseCodec.decode(new byte[] {1, 2, 3}, k -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.learner().install(new byte[12]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainsInTheBackgroundOnceEnoughChanged() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        TenantModel m = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), queued::add, null)
                .tenant("t");
        for (int i = 0; i < 20; i++) m.upsertEntity(item("i" + i, Map.of()));
        for (int u = 0; u < Learner.TRAIN_MIN_CHANGES / 4 - 1; u++) {
            for (int k = 0; k < 4; k++) m.addInteraction(interaction("u" + u, "i" + ((u + k) % 20), 1));
        }
        assertThat(queued).isEmpty();
        for (int k = 0; k < 4; k++) m.addInteraction(interaction("last", "i" + k, 1));
        assertThat(queued).hasSize(1);
        assertThat(m.learner().status().training()).isTrue();
        queued.getFirst().run();
        assertThat(m.learner().status().training()).isFalse();
        assertThat(m.learner().status().trainedAt()).isEqualTo(NOW);
        assertThat(m.learner().status().pendingChanges()).isZero();
    }

    @Test
    void aTrainingSoonAfterAnotherWaitsForItsPauseAndTakesInEverythingThatArrivedMeanwhile() throws Exception {
        // the clock moves only when the test says: a training "takes" 1 s (the sink runs at its end), so the next
        // one may not start before 3 s after it
        var millis = new java.util.concurrent.atomic.AtomicLong(NOW.toEpochMilli());
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(millis.get()); }
        };
        var queued = new java.util.concurrent.LinkedBlockingQueue<Runnable>();
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        var trainings = new java.util.concurrent.atomic.AtomicInteger();
        TenantModel m = new Engine(EngineSettings.defaults(), clock, queued::add, timer, (tenant, blob) -> {
            trainings.incrementAndGet();
            millis.addAndGet(1_000);
        }).tenant("t");
        for (int i = 0; i < 20; i++) m.upsertEntity(item("i" + i, Map.of()));
        int user = 0;
        while (queued.isEmpty()) m.addInteraction(interaction("u" + user, "i" + (user++ % 20), 1));
        queued.take().run();
        assertThat(trainings.get()).isEqualTo(1);

        for (int k = 0; k < 2 * Learner.TRAIN_MIN_CHANGES; k++) m.addInteraction(interaction("v" + k, "i" + (k % 20), 1));
        assertThat(m.learner().status().training()).as("a training is booked for after the pause").isTrue();
        assertThat(queued).as("not started at once: the pause after a 1 s training is 3 s").isEmpty();

        // the background queue also gets the rebuild of the settled writes: run what comes until the learner trains
        while (trainings.get() == 1) {
            Runnable next = queued.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(next).as("the booked training arrives once the pause is over").isNotNull();
            next.run();
        }
        assertThat(m.learner().status().pendingChanges()).as("it took in every change made while it waited").isZero();
        assertThat(m.learner().status().training()).isFalse();
        assertThat(trainings.get()).as("one booking, however many writes came meanwhile").isEqualTo(2);
        timer.shutdownNow();
    }

    private static List<String> ids(RecommendationList list) {
        return list.items().stream().map(Recommendation::entityId).toList();
    }
}
