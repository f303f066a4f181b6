package dev.lodestone.bench.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_6 = Math.log(6) / Math.log(2);

    @Test
    void twoHitsOfThreeRelevantInTopFive() {
        var m = RankingMetrics.of(List.of("a", "b", "c", "d", "e"), Set.of("b", "e", "x"), 5);
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.precision()).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(m.hitRate()).isEqualTo(1);
        assertThat(m.reciprocalRank()).isEqualTo(0.5);
        // DCG = 1/log2(3) + 1/log2(6) = 1.01778; ideal DCG for 3 relevant = 1 + 1/log2(3) + 1/2 = 2.13093
        assertThat(m.ndcg()).isCloseTo((1 / LOG2_3 + 1 / LOG2_6) / (1 + 1 / LOG2_3 + 0.5), within(1e-12));
        assertThat(m.ndcg()).isCloseTo(0.47762, within(1e-5));
    }

    @Test
    void cutsTheListAtK() {
        var m = RankingMetrics.of(List.of("a", "b", "c", "d", "e"), Set.of("b", "e", "x"), 2);
        assertThat(m.recall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.ndcg()).isCloseTo((1 / LOG2_3) / (1 + 1 / LOG2_3), within(1e-12));
        assertThat(m.ndcg()).isCloseTo(0.38685, within(1e-5));
    }

    @Test
    void perfectAndEmptyLists() {
        var perfect = RankingMetrics.of(List.of("x", "y", "z"), Set.of("x", "y"), 3);
        assertThat(perfect.ndcg()).isCloseTo(1, within(1e-12));
        assertThat(perfect.recall()).isEqualTo(1);
        assertThat(perfect.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(perfect.reciprocalRank()).isEqualTo(1);

        var miss = RankingMetrics.of(List.of(), Set.of("x"), 10);
        assertThat(List.of(miss.recall(), miss.ndcg(), miss.hitRate(), miss.precision(), miss.reciprocalRank())).containsOnly(0.0);
        assertThatThrownBy(() -> RankingMetrics.of(List.of("a"), Set.of(), 10)).isInstanceOf(IllegalArgumentException.class);
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
    }
}
