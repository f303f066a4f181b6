package dev.lodestone.core.engine.content;

import it.unimi.dsi.fastutil.ints.IntComparator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ContentNeighboursTest {
    private static final IntComparator BY_INDEX = Integer::compare;

    private static Map<String, Object> attributes(Random random) {
        return Map.of("category", "c" + random.nextInt(6), "tags", List.of("t" + random.nextInt(30), "t" + random.nextInt(30)),
                "price", random.nextInt(500));
    }

    /** The same question answered by brute force: every other entity's score against the profile. */
    private static int[] exact(ContentIndex index, int item, int n, int k) {
        ContentIndex.Profile p = index.newProfile();
        p.add(item, 1f);
        p.finish();
        return java.util.stream.IntStream.range(0, n).filter(i -> i != item && index.has(i))
                .boxed().filter(i -> index.score(p, i) > 0)
                .sorted((a, b) -> {
                    int c = Float.compare(index.score(p, b), index.score(p, a));
                    return c != 0 ? c : Integer.compare(a, b);
                }).limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void rowsMatchAnExactScanBeforeAndAfterChangesSinceThePostingsWereBuilt() {
        Random random = new Random(11);
        ContentIndex index = new ContentIndex();
        int n = 400;
        for (int i = 0; i < n; i++) index.put(i, attributes(random), null);
        index.buildPostings();
        ContentNeighbours rows = new ContentNeighbours();
        for (int item = 0; item < n; item += 37) {
            assertThat(rows.row(index, item, BY_INDEX)).as("item %d", item).containsExactly(exact(index, item, n, ContentNeighbours.K));
        }
        // changes after the build: replaced, removed and new entities are scored directly
        for (int i = 0; i < 20; i++) index.put(random.nextInt(n), attributes(random), null);
        index.remove(5);
        for (int i = n; i < n + 10; i++) index.put(i, attributes(random), null);
        rows = new ContentNeighbours(); // rows are kept until their own entity changes: ask afresh
        for (int item = 1; item < n + 10; item += 41) {
            assertThat(rows.row(index, item, BY_INDEX)).as("item %d", item)
                    .containsExactly(exact(index, item, n + 10, ContentNeighbours.K))
                    .doesNotContain(5);
        }
    }

    /**
     * A catalogue like a shop's: a flag nearly everyone has, common words, group-level categories and brands, and
     * rare titles. The pruned search must still return exactly what a brute-force scan does.
     */
    @Test
    void prunedSearchesMatchAnExactScanWithFrequentAndRareTerms() {
        Random random = new Random(5);
        ContentIndex index = new ContentIndex();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            int group = random.nextInt(12);
            var words = new StringBuilder();
            for (int w = 0; w < 6; w++) words.append(random.nextBoolean() ? "g" + group + "w" + random.nextInt(15) : "common" + random.nextInt(8)).append(' ');
            index.put(i, Map.of("category", "c" + group, "brand", "b" + group + "-" + random.nextInt(4),
                    "in_stock", random.nextDouble() < 0.9, "title", "t" + random.nextInt(n) + " item",
                    "description", words.toString(), "tags", List.of("t" + group + "-" + random.nextInt(6))), null);
        }
        index.buildPostings();
        ContentNeighbours rows = new ContentNeighbours();
        for (int item = 0; item < n; item += 97) {
            assertThat(rows.row(index, item, BY_INDEX)).as("item %d", item).containsExactly(exact(index, item, n, ContentNeighbours.K));
        }
    }

    @Test
    void rowsOutliveAnIdfRefreshButNotCatalogueGrowth() {
        ContentIndex index = new ContentIndex();
        for (int i = 0; i < 20; i++) index.put(i, Map.of("category", i < 10 ? "shoes" : "hats"), null);
        ContentNeighbours rows = new ContentNeighbours();
        int[] before = rows.row(index, 0, BY_INDEX);
        assertThat(before).hasSize(9);
        for (int i = 0; i < 20; i++) index.refresh(i);
        assertThat(rows.row(index, 0, BY_INDEX)).isSameAs(before);
        for (int i = 20; i < 40; i++) index.put(i, Map.of("category", "shoes"), null);
        assertThat(rows.row(index, 0, BY_INDEX)).hasSize(29);
    }

    @Test
    void aRowIsRecomputedWhenItsEntityChanges() {
        ContentIndex index = new ContentIndex();
        index.put(0, Map.of("category", "shoes"), null);
        index.put(1, Map.of("category", "shoes"), null);
        index.put(2, Map.of("category", "hats"), null);
        index.buildPostings();
        ContentNeighbours rows = new ContentNeighbours();
        assertThat(rows.row(index, 0, BY_INDEX)).containsExactly(1);
        index.put(0, Map.of("category", "hats"), null);
        assertThat(rows.row(index, 0, BY_INDEX)).containsExactly(2);
    }
}
