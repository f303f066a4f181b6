package dev.lodestone.core.engine;

import dev.lodestone.core.engine.learned.EaseModel;
import dev.lodestone.core.engine.learned.LearnedState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hybrid's collaborative blend follows the learned share the tenant's model was trained with. */
class PipelinesTest {

    @Test
    void aShareOfOneLeavesOnlyTheLearnedModelInTheCollaborativePart() {
        List<Pipelines.Step> steps = Pipelines.forUser(Algorithm.COLLABORATIVE, BlendWeights.DEFAULT, 20, true, learned(1.0));
        assertThat(steps).extracting(Pipelines.Step::source).containsExactly(Pipelines.LEARNED);
    }

    @Test
    void aSmallerShareSplitsTheRestBetweenItemAndUserKnn() {
        List<Pipelines.Step> steps = Pipelines.forUser(Algorithm.HYBRID, new BlendWeights(1, 0), 20, true, learned(0.6));
        assertThat(steps).extracting(Pipelines.Step::source)
                .containsExactly(Pipelines.LEARNED, Pipelines.ITEM_KNN, Pipelines.USER_KNN);
        assertThat(steps).extracting(Pipelines.Step::weight).containsExactly(0.6, 0.2, 0.2);
    }

    @Test
    void beforeTheFirstModelTheNeighbourhoodSourcesShare() {
        List<Pipelines.Step> steps = Pipelines.forUser(Algorithm.COLLABORATIVE, BlendWeights.DEFAULT, 20, true, null);
        assertThat(steps).extracting(Pipelines.Step::source).containsExactly(Pipelines.ITEM_KNN, Pipelines.USER_KNN);
    }

    private static LearnedState learned(double share) {
        var model = new EaseModel(new int[] {0}, new float[1], 500, share, Instant.EPOCH, 0, 0);
        return new LearnedState(model, model.columnsOf(1));
    }
}
