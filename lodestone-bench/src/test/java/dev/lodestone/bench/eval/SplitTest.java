package dev.lodestone.bench.eval;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTest {
    private static long nextId;

    static Interaction event(String user, String item, double weight, long second) {
        return new Interaction(++nextId, "t", user, "product", item, "view", InteractionTypeForm.PLAIN, weight, null, Map.of(),
                Instant.ofEpochSecond(second));
    }

    @Test
    void leaveLastOutHoldsOutEachUsersLatestPositiveInteraction() {
        var data = List.of(
                event("u1", "a", 1, 10), event("u1", "b", 1, 30), event("u1", "c", -2, 40), event("u1", "d", 1, 20),
                event("u2", "a", 1, 5),
                event("u3", "x", 1, 7), event("u3", "y", 1, 7));
        var split = Split.leaveLastOut(data);
        // u1: b is the latest positive (c is later but a dislike); u2 has one interaction; u3 ties on time → input order
        assertThat(split.test()).extracting(Interaction::entityId).containsExactlyInAnyOrder("b", "y");
        assertThat(split.train()).hasSize(data.size() - 2);
    }

    @Test
    void randomSplitKeepsTheRatioPerUserAndLosesNothing() {
        List<Interaction> data = new ArrayList<>();
        for (int u = 0; u < 20; u++) for (int i = 0; i < 10; i++) data.add(event("u" + u, "i" + i, 1, i));
        var split = Split.random(data, 0.8, 1);
        assertThat(split.train()).hasSize(160);
        assertThat(split.test()).hasSize(40);
        assertThat(Split.byUser(split.test()).values()).allSatisfy(own -> assertThat(own).hasSize(2));
        List<Interaction> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        assertThat(union).containsExactlyInAnyOrderElementsOf(data);
        assertThat(Split.random(data, 0.8, 1)).isEqualTo(split);
        assertThat(Split.random(data, 0.8, 2).test()).isNotEqualTo(split.test());
    }

    @Test
    void temporalSplitCutsAtTheTimeQuantile() {
        List<Interaction> data = new ArrayList<>();
        for (int s = 10; s > 0; s--) data.add(event("u" + (s % 3), "i" + s, 1, s));
        var split = Split.temporal(data, 0.7);
        assertThat(split.train()).extracting(i -> i.timestamp().getEpochSecond()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(split.test()).extracting(i -> i.timestamp().getEpochSecond()).containsExactly(8L, 9L, 10L);
    }

    @Test
    void protocolsParseFromTheCommandLine() {
        assertThat(Split.Protocol.parse("leave-last-out")).isEqualTo(Split.Protocol.LEAVE_LAST_OUT);
        assertThat(Split.Protocol.parse("Temporal")).isEqualTo(Split.Protocol.TEMPORAL);
    }
}
