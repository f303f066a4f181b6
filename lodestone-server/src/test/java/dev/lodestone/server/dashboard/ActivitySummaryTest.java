package dev.lodestone.server.dashboard;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.store.AppendResult;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's counts per day: read from the store once, then kept up to date from the interactions the node
 * applies, never counting one twice, and read again for a tenant deleted and written again.
 */
class ActivitySummaryTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    @TempDir
    Path dir;
    Store store;
    ActivitySummary summary;
    Engine engine;

    @BeforeEach
    void open() {
        store = Stores.open(StoreConfig.sqlite(dir));
        store.ensureTenant("shop", null);
        engine = new Engine(EngineSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run);
        summary = new ActivitySummary(store, Clock.fixed(NOW, ZoneOffset.UTC), engine::existing);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<Interaction> append(String type, Instant at, int count) {
        return append("shop", type, at, count);
    }

    private List<Interaction> append(String tenant, String type, Instant at, int count) {
        List<InteractionDraft> drafts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            drafts.add(new InteractionDraft(tenant, "u" + i, "product", "p" + i, type, InteractionTypeForm.PLAIN, 1.0, null,
                    Map.of(), at, null));
        }
        return store.appendInteractions(drafts).stream().map(AppendResult::interaction).toList();
    }

    @Test
    void readsTheStoreOnceThenCountsWhatTheNodeApplies() {
        engine.tenant("shop"); // the serving model the counts belong to
        append("view", NOW.minus(Duration.ofDays(2)), 3);
        append("purchase", NOW.minus(Duration.ofHours(1)), 2);
        append("view", NOW.minus(Duration.ofDays(200)), 4); // outside every window
        var first = summary.of("shop", 14);
        assertThat(first.perDay()).hasSize(14);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.byType()).isEqualTo(Map.of("view", 3L, "purchase", 2L));
        assertThat(first.perDay().getLast().byType()).isEqualTo(Map.of("purchase", 2L));

        // Written after the load and applied: counted without reading the store again.
        List<Interaction> later = append("click", NOW.minus(Duration.ofDays(1)), 4);
        summary.record(later);
        var second = summary.of("shop", 14);
        assertThat(second.total()).isEqualTo(9);
        assertThat(second.perDay().get(12).byType()).isEqualTo(Map.of("click", 4L));

        // An interaction the load read, handed over late (its write finished after the load): not counted twice.
        store.forEachInteraction("shop", NOW.minus(Duration.ofDays(3)), null, i -> {
            if (i.interactionType().equals("view")) summary.record(List.of(i));
        });
        assertThat(summary.of("shop", 14).total()).isEqualTo(9);
    }

    @Test
    void countsAtStartUpThenEveryAppliedInteractionWithoutReadingTheStore() {
        TenantModel shop = engine.tenant("shop");
        List<Interaction> stored = append("view", NOW.minus(Duration.ofDays(3)), 5);
        var load = summary.startupLoad("shop", shop);
        stored.forEach(load);
        load.accept(append("view", NOW.minus(Duration.ofDays(120)), 1).getFirst()); // before the window
        load.accept(append("view", NOW.plus(Duration.ofDays(2)), 1).getFirst()); // after today
        summary.startupLoadDone();
        assertThat(summary.of("shop", 90).total()).isEqualTo(5);

        // A tenant first written after start-up: what the node applies is all it has, so the store is not read
        // (the interaction stored but not applied here stays uncounted: proof that nothing scanned).
        engine.tenant("new");
        List<Interaction> two = append("new", "click", NOW.minus(Duration.ofHours(3)), 2);
        summary.record(two.subList(0, 1));
        assertThat(summary.of("new", 14).byType()).isEqualTo(Map.of("click", 1L));
    }

    @Test
    void keepsNinetyDaysWhateverTheTraffic() {
        TenantModel shop = engine.tenant("shop");
        var load = summary.startupLoad("shop", shop);
        summary.startupLoadDone();
        for (int day = 0; day < 200; day++) append("view", NOW.minus(Duration.ofDays(day)), 1).forEach(load);
        var all = summary.of("shop", 90);
        assertThat(all.total()).isEqualTo(90);
        assertThat(all.perDay()).allMatch(d -> d.total() == 1);
    }

    @Test
    void aWindowOfThreeDaysCountsOnlyThem() {
        engine.tenant("shop"); // the serving model the counts belong to
        append("view", NOW.minus(Duration.ofDays(5)), 2);
        append("view", NOW.minus(Duration.ofDays(1)), 1);
        var three = summary.of("shop", 3);
        assertThat(three.perDay()).extracting(ActivitySummary.Day::total).containsExactly(0L, 1L, 0L);
        assertThat(summary.of("shop", 7).total()).isEqualTo(3);
    }

    @Test
    void aTenantDeletedAndWrittenAgainIsReadAgain() {
        engine.tenant("shop");
        append("view", NOW.minus(Duration.ofHours(2)), 3);
        assertThat(summary.of("shop", 14).total()).isEqualTo(3);
        store.deleteTenant("shop");
        engine.dropTenant("shop");
        store.ensureTenant("shop", null);
        assertThat(summary.of("shop", 14).total()).as("no model: nothing").isZero();
        engine.tenant("shop"); // a new model: the tenant written again
        append("click", NOW.minus(Duration.ofHours(1)), 1);
        assertThat(summary.of("shop", 14).byType()).isEqualTo(Map.of("click", 1L));
    }
}
