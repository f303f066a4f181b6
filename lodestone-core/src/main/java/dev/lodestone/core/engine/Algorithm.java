package dev.lodestone.core.engine;

import java.util.Locale;
import java.util.Optional;

/** Algorithms a client can ask for by name (case-insensitive). */
public enum Algorithm {
    HYBRID, COLLABORATIVE, CONTENT_BASED, ITEM_KNN, USER_KNN, EASE, POPULAR, TRENDING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Algorithm> parse(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("CONTENT")) n = "CONTENT_BASED";
        for (Algorithm a : values()) if (a.name().equals(n)) return Optional.of(a);
        return Optional.empty();
    }
}
