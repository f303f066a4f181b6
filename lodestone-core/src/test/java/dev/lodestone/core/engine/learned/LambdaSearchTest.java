package dev.lodestone.core.engine.learned;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** λ is chosen on a validation split of the training input: it moves toward what validation prefers, and stays put without evidence. */
class LambdaSearchTest {

    @Test
    void aFarTooWeakStartMovesUpToWhereValidationIsBetter() {
        EaseTrainer.Input input = groups(400, 8, 40, 8, 1);
        var result = LambdaSearch.search(input, 1, 7);
        assertThat(result.users()).isEqualTo(400);
        assertThat(result.lambda()).isGreaterThan(1);
        assertThat(result.candidates()).isGreaterThan(2);
        assertThat(result.score()).isBetween(0.0, 2.0);
        assertThat(result.learnedShare()).isIn(1.0, 0.8, 0.6);
    }

    @Test
    void aFixedLambdaStaysAndOnlyTheShareIsChosen() {
        var result = LambdaSearch.shareAt(groups(300, 6, 30, 7, 5), 123, 7);
        assertThat(result.lambda()).isEqualTo(123);
        assertThat(result.learnedShare()).isIn(1.0, 0.8, 0.6);
        assertThat(result.users()).isEqualTo(300);
    }

    @Test
    void theSameDataAndSeedGiveTheSameChoice() {
        EaseTrainer.Input input = groups(300, 6, 30, 7, 2);
        var first = LambdaSearch.search(input, 500, 7);
        assertThat(LambdaSearch.search(input, 500, 7)).isEqualTo(first);
        assertThat(first.lambda()).isBetween(LambdaSearch.MIN_LAMBDA, LambdaSearch.MAX_LAMBDA);
    }

    @Test
    void tooFewUsersKeepTheStart() {
        var result = LambdaSearch.search(groups(10, 2, 10, 5, 3), 500, 7);
        assertThat(result.lambda()).isEqualTo(500);
        assertThat(result.learnedShare()).isEqualTo(LambdaSearch.DEFAULT_SHARE);
        assertThat(result.users()).isZero();
        assertThat(result.candidates()).isZero();
    }

    @Test
    void staysWithinItsBounds() {
        EaseTrainer.Input input = groups(200, 4, 20, 6, 4);
        assertThat(LambdaSearch.search(input, 1e9, 7).lambda()).isLessThanOrEqualTo(LambdaSearch.MAX_LAMBDA);
        assertThat(LambdaSearch.search(input, 1e-6, 7).lambda()).isGreaterThanOrEqualTo(LambdaSearch.MIN_LAMBDA);
    }

    /**
     * {@code users} users in {@code groups} taste groups of {@code perGroup} items each (column = group × perGroup +
     * rank; popular items in every group), each liking {@code liked} items of their group, skewed to low ranks.
     */
    static EaseTrainer.Input groups(int users, int groups, int perGroup, int liked, long seed) {
        Random random = new Random(seed);
        int n = groups * perGroup;
        int[] items = new int[n];
        for (int c = 0; c < n; c++) items[c] = c;
        List<Integer> rowStart = new ArrayList<>(List.of(0));
        List<Integer> columns = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int g = u % groups;
            TreeSet<Integer> row = new TreeSet<>();
            while (row.size() < liked) {
                int rank = (int) Math.min(perGroup - 1, Math.floor(-Math.log(1 - random.nextDouble()) * perGroup / 4));
                row.add(g * perGroup + rank);
            }
            columns.addAll(row);
            rowStart.add(columns.size());
        }
        return new EaseTrainer.Input(items, rowStart.stream().mapToInt(Integer::intValue).toArray(),
                columns.stream().mapToInt(Integer::intValue).toArray());
    }
}
