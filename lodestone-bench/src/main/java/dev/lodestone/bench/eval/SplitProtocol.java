package dev.lodestone.bench.eval;

import dev.lodestone.core.eval.Split;
import dev.lodestone.core.eval.Splits;
import dev.lodestone.core.model.Interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The {@code --split} choices of {@code bench eval}, each one of the engine's own {@link Splits}. */
public enum SplitProtocol {
    /** Per user, a seeded random {@code ratio} of their interactions trains, the rest tests (users with one interaction only train). */
    RANDOM,
    /** Per user with at least two interactions, their latest interaction (whatever its weight) tests. */
    LEAVE_LAST_OUT,
    /** Globally by time: interactions before the {@code ratio} quantile of timestamps train, the rest (ties included) test. */
    TEMPORAL;

    static final Comparator<Interaction> BY_TIME = Comparator.comparing(Interaction::timestamp).thenComparingLong(Interaction::id);

    public static SplitProtocol parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Split apply(List<Interaction> interactions, double ratio, long seed) {
        return switch (this) {
            case RANDOM -> Splits.randomPerUser(interactions, ratio, seed);
            case LEAVE_LAST_OUT -> Splits.leaveLastOut(interactions);
            case TEMPORAL -> Splits.temporal(interactions, cutoff(interactions, ratio));
        };
    }

    /** The timestamp of the first interaction past the earliest {@code ratio} share: everything before it trains. */
    static Instant cutoff(List<Interaction> interactions, double ratio) {
        if (ratio < 0 || ratio > 1) throw new IllegalArgumentException("ratio must be in [0, 1]");
        List<Interaction> sorted = new ArrayList<>(interactions);
        sorted.sort(BY_TIME);
        int firstTest = (int) Math.round(sorted.size() * ratio);
        if (firstTest >= sorted.size()) return sorted.isEmpty() ? Instant.MAX : sorted.getLast().timestamp().plusNanos(1);
        return sorted.get(firstTest).timestamp();
    }
}
