package dev.lodestone.core.engine;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saved neighbour rows installed at a load give the same answers as rows computed afresh, and only current ones are kept. */
class SavedRowsTest {
    private static final int ENTITIES = 300;

    private static List<Entity> catalogue(Map<Integer, Map<String, Object>> overrides) {
        List<Entity> out = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            Map<String, Object> attrs = overrides.getOrDefault(i, Map.of("category", "c" + (i % 7), "brand", "b" + (i % 11),
                    "title", "word" + (i % 13) + " thing"));
            out.add(Fixtures.item("e" + i, attrs));
        }
        return out;
    }

    private static List<Interaction> interactions(int count, long firstId, int seed) {
        Random random = new Random(seed);
        List<Interaction> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int user = random.nextInt(80);
            int item = (user % 7) + 7 * random.nextInt(ENTITIES / 7);
            out.add(new Interaction(firstId + n, "t", "u" + user, "item", "e" + item, "view", InteractionTypeForm.PLAIN,
                    1 + random.nextInt(3), null, Map.of(), Fixtures.NOW.minusSeconds(3600)));
        }
        return out;
    }

    private static TenantModel load(List<Entity> entities, List<Interaction> interactions, byte[] saved) throws IOException {
        TenantModel model = Fixtures.model();
        var loader = model.loader();
        if (saved != null) loader.restoreRows(new ByteArrayInputStream(saved));
        entities.forEach(loader::entity);
        loader.interactions(interactions);
        loader.finish();
        return model;
    }

    private static byte[] saved(TenantModel model) throws IOException {
        var out = new ByteArrayOutputStream();
        model.saveRows(out);
        return out.toByteArray();
    }

    private static Object similar(TenantModel model, int entity, Algorithm algorithm) {
        return model.similar(new SimilarQuery(new EntityKey("item", "e" + entity), 10, 0, algorithm, null, null, Set.of(), 0));
    }

    @Test
    void restoredRowsAnswerLikeFreshOnes() throws IOException {
        var entities = catalogue(Map.of());
        var events = interactions(3000, 1, 1);
        TenantModel first = load(entities, events, null);
        first.warmContentRows();
        byte[] rows = saved(first);

        TenantModel fresh = load(entities, events, null);
        TenantModel restored = load(entities, events, rows);
        for (int e = 0; e < ENTITIES; e += 7) {
            for (Algorithm a : List.of(Algorithm.CONTENT_BASED, Algorithm.ITEM_KNN, Algorithm.HYBRID)) {
                assertThat(similar(restored, e, a)).as("%s of e%d", a, e).isEqualTo(similar(fresh, e, a));
            }
        }
        // the saved stream is the same as the one the fresh model would save once its rows are warm
        fresh.warmContentRows();
        assertThat(saved(restored)).isEqualTo(saved(fresh));
    }

    @Test
    void onlyRowsStillCurrentAreInstalled() throws IOException {
        var events = interactions(3000, 1, 1);
        TenantModel first = load(catalogue(Map.of()), events, null);
        first.warmContentRows();
        byte[] rows = saved(first);

        // since the save: e0's attributes changed, and more interactions arrived
        var changed = catalogue(Map.of(0, Map.of("category", "c3", "brand", "other")));
        var more = new ArrayList<>(events);
        more.addAll(interactions(3000, 3001, 2));
        TenantModel fresh = load(changed, more, null);
        TenantModel restored = load(changed, more, rows);
        for (int e = 0; e < ENTITIES; e += 3) {
            for (Algorithm a : List.of(Algorithm.CONTENT_BASED, Algorithm.ITEM_KNN)) {
                assertThat(similar(restored, e, a)).as("%s of e%d", a, e).isEqualTo(similar(fresh, e, a));
            }
        }
    }

    @Test
    void aLoadInstallsTheSavedRowsInsteadOfComputingThem() throws IOException {
        var entities = catalogue(Map.of());
        var events = interactions(3000, 1, 1);
        TenantModel first = load(entities, events, null);
        first.warmContentRows();
        byte[] rows = saved(first);
        TenantModel model = Fixtures.model();
        var loader = model.loader().restoreRows(new ByteArrayInputStream(rows));
        entities.forEach(loader::entity);
        loader.interactions(events);
        loader.finish();
        assertThat(loader.restoredRows()[0]).isEqualTo(ENTITIES);
        assertThat(loader.restoredRows()[1]).isPositive();
    }

    @Test
    void aCorruptStreamIsRefused() {
        assertThatThrownBy(() -> Fixtures.model().loader().restoreRows(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})))
                .isInstanceOf(IOException.class);
    }
}
