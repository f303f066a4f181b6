package dev.lodestone.core.eval;

import dev.lodestone.core.model.Interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Standard train/test protocols. All are deterministic for the same input (and seed). */
public final class Splits {
    private static final Comparator<Interaction> BY_TIME =
            Comparator.comparing(Interaction::timestamp).thenComparingLong(Interaction::id);

    private Splits() {
    }

    /**
     * Per user, a random {@code trainFraction} of their interactions (at least one) goes to train, the rest to test.
     * Users with a single interaction are train only.
     */
    public static Split randomPerUser(List<Interaction> interactions, double trainFraction, long seed) {
        if (trainFraction <= 0 || trainFraction > 1) throw new IllegalArgumentException("trainFraction must be in (0, 1]");
        Random random = new Random(seed);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (List<Interaction> own : byUser(interactions).values()) {
            List<Interaction> shuffled = new ArrayList<>(own);
            Collections.shuffle(shuffled, random);
            int trainCount = Math.max(1, (int) Math.round(shuffled.size() * trainFraction));
            train.addAll(shuffled.subList(0, trainCount));
            test.addAll(shuffled.subList(trainCount, shuffled.size()));
        }
        return new Split(train, test);
    }

    /** Per user with at least two interactions, the latest one (by timestamp, then id) is the test. */
    public static Split leaveLastOut(List<Interaction> interactions) {
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (List<Interaction> own : byUser(interactions).values()) {
            List<Interaction> sorted = new ArrayList<>(own);
            sorted.sort(BY_TIME);
            if (sorted.size() < 2) {
                train.addAll(sorted);
                continue;
            }
            train.addAll(sorted.subList(0, sorted.size() - 1));
            test.add(sorted.getLast());
        }
        return new Split(train, test);
    }

    /** Interactions before {@code cutoff} train, the others test. */
    public static Split temporal(List<Interaction> interactions, Instant cutoff) {
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (Interaction i : interactions) (i.timestamp().isBefore(cutoff) ? train : test).add(i);
        return new Split(train, test);
    }

    private static Map<String, List<Interaction>> byUser(List<Interaction> interactions) {
        Map<String, List<Interaction>> byUser = new LinkedHashMap<>();
        for (Interaction i : interactions) byUser.computeIfAbsent(i.userId(), u -> new ArrayList<>()).add(i);
        return byUser;
    }
}
