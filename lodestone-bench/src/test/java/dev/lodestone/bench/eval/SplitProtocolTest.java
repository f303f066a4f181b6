package dev.lodestone.bench.eval;

import dev.lodestone.core.eval.Split;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitProtocolTest {
    private static long nextId;

    static Interaction event(String user, String item, double weight, long second) {
        return new Interaction(++nextId, "t", user, "product", item, "view", InteractionTypeForm.PLAIN, weight, null, Map.of(),
                Instant.ofEpochSecond(second));
    }

    private static Split split(SplitProtocol protocol, List<Interaction> data, double ratio, long seed) {
        return protocol.apply(data, ratio, seed);
    }

    @Test
    void leaveLastOutHoldsOutEachUsersLatestInteractionWhateverItsWeight() {
        var data = List.of(
                event("u1", "a", 1, 10), event("u1", "b", 1, 30), event("u1", "c", -2, 40), event("u1", "d", 1, 20),
                event("u2", "a", 1, 5),
                event("u3", "x", 1, 7), event("u3", "y", 1, 7));
        var split = split(SplitProtocol.LEAVE_LAST_OUT, data, 0, 0);
        // u1: c is the latest (a dislike, which then is not relevant); u2 has one interaction; u3 ties on time → input order
        assertThat(split.test()).extracting(Interaction::entityId).containsExactlyInAnyOrder("c", "y");
        assertThat(split.train()).hasSize(data.size() - 2);
    }

    @Test
    void randomSplitKeepsTheRatioPerUserAndLosesNothing() {
        List<Interaction> data = new ArrayList<>();
        for (int u = 0; u < 20; u++) for (int i = 0; i < 10; i++) data.add(event("u" + u, "i" + i, 1, i));
        var split = split(SplitProtocol.RANDOM, data, 0.8, 1);
        assertThat(split.train()).hasSize(160);
        assertThat(split.test()).hasSize(40);
        Map<String, Long> testPerUser = split.test().stream()
                .collect(java.util.stream.Collectors.groupingBy(Interaction::userId, java.util.stream.Collectors.counting()));
        assertThat(testPerUser).hasSize(20).allSatisfy((user, n) -> assertThat(n).isEqualTo(2));
        List<Interaction> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        assertThat(union).containsExactlyInAnyOrderElementsOf(data);
        assertThat(split(SplitProtocol.RANDOM, data, 0.8, 1)).isEqualTo(split);
        assertThat(split(SplitProtocol.RANDOM, data, 0.8, 2).test()).isNotEqualTo(split.test());
    }

    @Test
    void temporalSplitCutsAtTheTimeQuantile() {
        List<Interaction> data = new ArrayList<>();
        for (int s = 10; s > 0; s--) data.add(event("u" + (s % 3), "i" + s, 1, s));
        var split = split(SplitProtocol.TEMPORAL, data, 0.7, 0);
        assertThat(split.train()).extracting(i -> i.timestamp().getEpochSecond()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(split.test()).extracting(i -> i.timestamp().getEpochSecond()).containsExactlyInAnyOrder(8L, 9L, 10L);
    }

    @Test
    void temporalSplitSendsTiesAtTheCutoffToTestAndRatioOneTrainsEverything() {
        var data = List.of(event("u", "a", 1, 1), event("u", "b", 1, 2), event("v", "c", 1, 2), event("v", "d", 1, 3));
        // the 0.5 quantile is second 2: both interactions at second 2 test
        assertThat(split(SplitProtocol.TEMPORAL, data, 0.5, 0).train()).extracting(Interaction::entityId).containsExactly("a");
        assertThat(split(SplitProtocol.TEMPORAL, data, 1, 0).test()).isEmpty();
        assertThat(split(SplitProtocol.TEMPORAL, data, 0, 0).train()).isEmpty();
    }

    @Test
    void protocolsParseFromTheCommandLine() {
        assertThat(SplitProtocol.parse("leave-last-out")).isEqualTo(SplitProtocol.LEAVE_LAST_OUT);
        assertThat(SplitProtocol.parse("Temporal")).isEqualTo(SplitProtocol.TEMPORAL);
        assertThat(SplitProtocol.LEAVE_LAST_OUT.cliName()).isEqualTo("leave-last-out");
    }
}
