package dev.lodestone.bench.eval;

import dev.lodestone.core.model.Interaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** A train/test split of interactions, and the protocols that make one. */
public record Split(List<Interaction> train, List<Interaction> test) {

    /** Time order, ties by the input order (the interaction id). */
    static final Comparator<Interaction> BY_TIME = Comparator.comparing(Interaction::timestamp).thenComparingLong(Interaction::id);

    public enum Protocol {
        /** Per user, a random {@code ratio} of their interactions trains, the rest tests (users with one interaction only train). */
        RANDOM,
        /** Per user with at least two interactions, their latest positive interaction tests. */
        LEAVE_LAST_OUT,
        /** Globally by time: the earliest {@code ratio} of all interactions trains, the rest tests. */
        TEMPORAL;

        public static Protocol parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public Split apply(List<Interaction> interactions, double ratio, long seed) {
            return switch (this) {
                case RANDOM -> random(interactions, ratio, seed);
                case LEAVE_LAST_OUT -> leaveLastOut(interactions);
                case TEMPORAL -> temporal(interactions, ratio);
            };
        }
    }

    public static Split random(List<Interaction> interactions, double ratio, long seed) {
        var random = new SplittableRandom(seed);
        List<Interaction> train = new ArrayList<>(), test = new ArrayList<>();
        for (List<Interaction> own : byUser(interactions).values()) {
            List<Interaction> shuffled = new ArrayList<>(own);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Interaction t = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, t);
            }
            int cut = Math.max(1, (int) Math.round(shuffled.size() * ratio));
            train.addAll(shuffled.subList(0, Math.min(cut, shuffled.size())));
            if (cut < shuffled.size()) test.addAll(shuffled.subList(cut, shuffled.size()));
        }
        return new Split(train, test);
    }

    public static Split leaveLastOut(List<Interaction> interactions) {
        List<Interaction> train = new ArrayList<>(), test = new ArrayList<>();
        for (List<Interaction> own : byUser(interactions).values()) {
            Interaction last = null;
            if (own.size() >= 2) {
                for (Interaction i : own) if (i.weight() > 0 && (last == null || BY_TIME.compare(i, last) > 0)) last = i;
            }
            for (Interaction i : own) (i == last ? test : train).add(i);
        }
        return new Split(train, test);
    }

    public static Split temporal(List<Interaction> interactions, double ratio) {
        List<Interaction> sorted = new ArrayList<>(interactions);
        sorted.sort(BY_TIME);
        int cut = (int) Math.round(sorted.size() * ratio);
        return new Split(List.copyOf(sorted.subList(0, cut)), List.copyOf(sorted.subList(cut, sorted.size())));
    }

    static Map<String, List<Interaction>> byUser(List<Interaction> interactions) {
        Map<String, List<Interaction>> users = new LinkedHashMap<>();
        for (Interaction i : interactions) users.computeIfAbsent(i.userId(), u -> new ArrayList<>()).add(i);
        return users;
    }
}
