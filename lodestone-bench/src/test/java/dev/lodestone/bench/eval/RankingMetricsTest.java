package dev.lodestone.bench.eval;

import dev.lodestone.core.eval.RankingMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed values for the engine's {@link RankingMetrics}, as the bench reports them. */
class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_6 = Math.log(6) / Math.log(2);
    private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");
    private static final Set<String> RELEVANT = Set.of("b", "e", "x");

    @Test
    void twoHitsOfThreeRelevantInTopFive() {
        assertThat(RankingMetrics.recall(RANKED, RELEVANT, 5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetrics.precision(RANKED, RELEVANT, 5)).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(RankingMetrics.hitRate(RANKED, RELEVANT, 5)).isEqualTo(1);
        assertThat(RankingMetrics.reciprocalRank(RANKED, RELEVANT, 5)).isEqualTo(0.5);
        // DCG = 1/log2(3) + 1/log2(6) = 1.01778; ideal DCG for 3 relevant = 1 + 1/log2(3) + 1/2 = 2.13093
        assertThat(RankingMetrics.ndcg(RANKED, RELEVANT, 5)).isCloseTo((1 / LOG2_3 + 1 / LOG2_6) / (1 + 1 / LOG2_3 + 0.5), within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKED, RELEVANT, 5)).isCloseTo(0.47762, within(1e-5));
    }

    @Test
    void cutsTheListAtK() {
        assertThat(RankingMetrics.recall(RANKED, RELEVANT, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.precision(RANKED, RELEVANT, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.ndcg(RANKED, RELEVANT, 2)).isCloseTo((1 / LOG2_3) / (1 + 1 / LOG2_3), within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKED, RELEVANT, 2)).isCloseTo(0.38685, within(1e-5));
    }

    @Test
    void perfectAndEmptyLists() {
        List<String> perfect = List.of("x", "y", "z");
        Set<String> xy = Set.of("x", "y");
        assertThat(RankingMetrics.ndcg(perfect, xy, 3)).isCloseTo(1, within(1e-12));
        assertThat(RankingMetrics.recall(perfect, xy, 3)).isEqualTo(1);
        assertThat(RankingMetrics.precision(perfect, xy, 3)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(perfect, xy, 3)).isEqualTo(1);

        List<String> none = List.of();
        Set<String> x = Set.of("x");
        assertThat(List.of(RankingMetrics.recall(none, x, 10), RankingMetrics.ndcg(none, x, 10), RankingMetrics.hitRate(none, x, 10),
                RankingMetrics.precision(none, x, 10), RankingMetrics.reciprocalRank(none, x, 10))).containsOnly(0.0);
    }

    @Test
    void accumulatorAveragesUsersAndCountsCoverage() {
        var acc = new MetricAccumulator(2, 10);
        acc.add(List.of("a", "b"), Set.of("a"));       // recall 1, precision 0.5, mrr 1
        acc.add(List.of("c", "a", "z"), Set.of("z")); // z is beyond k: all zero
        var s = acc.summary();
        assertThat(s.users()).isEqualTo(2);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.precision()).isEqualTo(0.25);
        assertThat(s.hitRate()).isEqualTo(0.5);
        assertThat(s.mrr()).isEqualTo(0.5);
        assertThat(s.ndcg()).isEqualTo(0.5);
        assertThat(s.coverage()).isEqualTo(3 / 10.0); // a, b, c
        assertThatThrownBy(() -> acc.add(List.of("a"), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
