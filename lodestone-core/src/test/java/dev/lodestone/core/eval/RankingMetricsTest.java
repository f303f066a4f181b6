package dev.lodestone.core.eval;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    // ranked: a b c d e; relevant: b, e, z (z never recommended)
    private final List<String> ranked = List.of("a", "b", "c", "d", "e");
    private final Set<String> relevant = Set.of("b", "e", "z");

    @Test
    void handComputedValues() {
        assertThat(RankingMetrics.hits(ranked, relevant, 5)).isEqualTo(2);
        assertThat(RankingMetrics.recall(ranked, relevant, 5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recall(ranked, relevant, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.precision(ranked, relevant, 5)).isCloseTo(0.4, within(1e-12));
        assertThat(RankingMetrics.hitRate(ranked, relevant, 1)).isZero();
        assertThat(RankingMetrics.hitRate(ranked, relevant, 2)).isEqualTo(1);
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 5)).isCloseTo(0.5, within(1e-12));
        assertThat(RankingMetrics.reciprocalRank(ranked, relevant, 1)).isZero();
        // DCG = 1/log2(3) + 1/log2(6); IDCG = 1 + 1/log2(3) + 1/log2(4)
        double dcg = 1 / log2(3) + 1 / log2(6);
        double idcg = 1 + 1 / log2(3) + 0.5;
        assertThat(RankingMetrics.ndcg(ranked, relevant, 5)).isCloseTo(dcg / idcg, within(1e-12));
        assertThat(RankingMetrics.ndcg(List.of("b", "e", "z"), relevant, 3)).isCloseTo(1, within(1e-12));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void splitsFollowTheirProtocol() {
        List<Interaction> all = new ArrayList<>();
        long id = 0;
        for (int u = 0; u < 5; u++) {
            for (int i = 0; i < 10; i++) all.add(interaction(++id, "u" + u, "i" + i, Instant.ofEpochSecond(1000L * i + u)));
        }
        all.add(interaction(++id, "single", "i0", Instant.ofEpochSecond(5)));

        Split random = Splits.randomPerUser(all, 0.8, 42);
        assertThat(random.train()).hasSize(41);
        assertThat(random.test()).hasSize(10).allMatch(i -> !i.userId().equals("single"));
        assertThat(Splits.randomPerUser(all, 0.8, 42)).isEqualTo(random);
        assertThat(Splits.randomPerUser(all, 0.8, 7).test()).isNotEqualTo(random.test());

        Split last = Splits.leaveLastOut(all);
        assertThat(last.test()).hasSize(5).allMatch(i -> i.entityId().equals("i9"));
        assertThat(last.train()).hasSize(46);

        Split temporal = Splits.temporal(all, Instant.ofEpochSecond(7000));
        assertThat(temporal.train()).allMatch(i -> i.timestamp().isBefore(Instant.ofEpochSecond(7000)));
        assertThat(temporal.test()).hasSize(15);
    }

    private static Interaction interaction(long id, String user, String item, Instant at) {
        return new Interaction(id, "t", user, "item", item, "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), at);
    }
}
