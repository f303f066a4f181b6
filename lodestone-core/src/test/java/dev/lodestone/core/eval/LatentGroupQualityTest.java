package dev.lodestone.core.eval;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.RecommendationList;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic data with known structure: users and items fall into G groups, users interact mostly with their group's
 * items (Zipf-popular within the group), and item attributes carry the group (category, group tags) plus noise.
 */
class LatentGroupQualityTest {
    private static final int GROUPS = 8;
    private static final int ITEMS_PER_GROUP = 60;
    private static final int USERS = 600;
    private static final int PER_USER = 20;
    private static final double IN_GROUP = 0.85;

    private static final List<Entity> catalogue = new ArrayList<>();
    private static final List<Interaction> interactions = new ArrayList<>();

    @BeforeAll
    static void generate() {
        Random random = new Random(20251020);
        Instant t0 = Instant.parse("2025-09-01T00:00:00Z");
        for (int g = 0; g < GROUPS; g++) {
            for (int r = 0; r < ITEMS_PER_GROUP; r++) {
                Map<String, Object> attributes = Map.of(
                        "category", "cat" + g,
                        "tags", List.of("g" + g + "t" + random.nextInt(3), "g" + g + "t" + (3 + random.nextInt(3)),
                                "noise" + random.nextInt(40)),
                        "price", 5 + random.nextInt(200),
                        "title", "item number " + r + " word" + random.nextInt(50));
                catalogue.add(new Entity("t", "item", itemId(g, r), attributes, null, false, null, null, t0, t0));
            }
        }
        double[] zipf = new double[ITEMS_PER_GROUP];
        double total = 0;
        for (int r = 0; r < ITEMS_PER_GROUP; r++) total += zipf[r] = 1 / Math.pow(r + 1, 0.9);
        long id = 0;
        for (int u = 0; u < USERS; u++) {
            int group = u % GROUPS;
            for (int n = 0; n < PER_USER; n++) {
                int g = random.nextDouble() < IN_GROUP ? group : random.nextInt(GROUPS);
                double x = random.nextDouble() * total;
                int r = 0;
                while (r < ITEMS_PER_GROUP - 1 && (x -= zipf[r]) > 0) r++;
                interactions.add(new Interaction(++id, "t", "user" + u, "item", itemId(g, r), "view",
                        InteractionTypeForm.PLAIN, 1 + random.nextInt(3), null, Map.of(), t0.plusSeconds(id * 60)));
            }
        }
    }

    private static String itemId(int group, int rank) {
        return "g" + group + "-" + rank;
    }

    @Test
    void hybridBeatsPopularityByAWideMargin() {
        Split split = Splits.randomPerUser(interactions, 0.8, 7);
        Evaluator evaluator = new Evaluator();
        TenantModel model = evaluator.train(split.train(), catalogue);
        EvaluationResult hybrid = evaluator.evaluate(model, split.test(), catalogue.size(), Algorithm.HYBRID, 10);
        EvaluationResult popular = evaluator.evaluate(model, split.test(), catalogue.size(), Algorithm.POPULAR, 10);
        EvaluationResult itemKnn = evaluator.evaluate(model, split.test(), catalogue.size(), Algorithm.ITEM_KNN, 10);
        EvaluationResult collaborative = evaluator.evaluate(model, split.test(), catalogue.size(), Algorithm.COLLABORATIVE, 10);
        System.out.println(hybrid + "\n" + collaborative + "\n" + itemKnn + "\n" + popular);

        assertThat(hybrid.users()).isGreaterThan(USERS / 2);
        assertThat(hybrid.recall()).isGreaterThanOrEqualTo(2 * popular.recall());
        assertThat(hybrid.ndcg()).isGreaterThan(popular.ndcg());
        assertThat(hybrid.coverage()).isGreaterThan(popular.coverage());
        assertThat(itemKnn.recall()).isGreaterThan(popular.recall());
        // the default blend must not lose to its strongest single ingredient
        assertThat(hybrid.recall()).isGreaterThanOrEqualTo(itemKnn.recall());
        assertThat(hybrid.ndcg()).isGreaterThanOrEqualTo(itemKnn.ndcg());
    }

    @Test
    void evaluateFromRawPartsMatchesTrainThenEvaluate() {
        Split split = Splits.leaveLastOut(interactions);
        Evaluator evaluator = new Evaluator();
        EvaluationResult direct = evaluator.evaluate(split.train(), split.test(), catalogue, Algorithm.POPULAR, 10);
        TenantModel model = evaluator.train(split.train(), catalogue);
        assertThat(evaluator.evaluate(model, split.test(), catalogue.size(), Algorithm.POPULAR, 10)).isEqualTo(direct);
        assertThat(direct.users()).isEqualTo(USERS);
    }

    @Test
    void contentNeighboursShareTheSourceGroup() {
        TenantModel model = new Evaluator().train(List.of(), catalogue);
        int same = 0;
        int total = 0;
        for (int g = 0; g < GROUPS; g++) {
            for (int r = 0; r < ITEMS_PER_GROUP; r += 15) {
                RecommendationList list = model.similar(new SimilarQuery(new EntityKey("item", itemId(g, r)), 10, 0,
                        Algorithm.CONTENT_BASED, null, null, Set.of(), 0)).orElseThrow();
                for (var rec : list.items()) {
                    total++;
                    if (rec.entityId().startsWith("g" + g + "-")) same++;
                }
            }
        }
        assertThat(total).isEqualTo(GROUPS * 4 * 10);
        assertThat((double) same / total).isGreaterThanOrEqualTo(0.8);
    }
}
