package dev.lodestone.core.engine.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LiveRankingTest {
    private static final int N = 300;

    /** Scores kept by the test; the ranking sees them through the build function and update calls. */
    private final double[] scores = new double[N];

    private List<Integer> bruteForce() {
        return IntStream.range(0, N).filter(i -> scores[i] > 0).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i)).toList();
    }

    private List<Integer> walkAll(LiveRanking ranking, long epoch) {
        List<Integer> out = new ArrayList<>();
        boolean complete = ranking.walk(epoch, N, i -> scores[i], (i, s) -> {
            assertThat(s).isEqualTo(scores[i]);
            return out.add(i);
        });
        assertThat(complete).isTrue();
        return out;
    }

    @Test
    void walkEqualsAFullSortAfterAnyUpdates() {
        Random random = new Random(5);
        for (int i = 0; i < N; i++) scores[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
        LiveRanking ranking = new LiveRanking(Integer::compare, N, 40);
        assertThat(walkAll(ranking, 1)).isEqualTo(bruteForce());
        for (int step = 0; step < 500; step++) {
            int i = random.nextInt(N);
            scores[i] = Math.max(-3, scores[i] + random.nextInt(11) - 4); // rises, falls, ties, drops to <= 0
            ranking.update(i, scores[i]);
            if (step % 7 == 0) assertThat(walkAll(ranking, 1)).as("step %d", step).isEqualTo(bruteForce());
        }
        // a new epoch (e.g. the next hour) rebuilds from the scores as they are now
        assertThat(walkAll(ranking, 2)).isEqualTo(bruteForce());
    }

    @Test
    void aVisitorCanStopEarly() {
        for (int i = 0; i < N; i++) scores[i] = i;
        LiveRanking ranking = new LiveRanking(Integer::compare, N, 40);
        List<Integer> seen = new ArrayList<>();
        assertThat(ranking.walk(0, N, i -> scores[i], (i, s) -> seen.add(i) && seen.size() < 3)).isTrue();
        assertThat(seen).containsExactly(N - 1, N - 2, N - 3);
    }

    @Test
    void aTruncatedSnapshotReportsThatItRanOut() {
        for (int i = 0; i < N; i++) scores[i] = i + 1;
        LiveRanking ranking = new LiveRanking(Integer::compare, 10, 40);
        List<Integer> seen = new ArrayList<>();
        boolean complete = ranking.walk(0, N, i -> scores[i], (i, s) -> seen.add(i));
        assertThat(complete).isFalse();
        assertThat(seen).hasSize(10).startsWith(N - 1);
        // an item from outside the kept part that rises to the top is still found
        scores[0] = 1_000;
        ranking.update(0, scores[0]);
        List<Integer> top = new ArrayList<>();
        ranking.walk(0, N, i -> scores[i], (i, s) -> top.add(i) && top.size() < 2);
        assertThat(top).containsExactly(0, N - 1);
    }
}
