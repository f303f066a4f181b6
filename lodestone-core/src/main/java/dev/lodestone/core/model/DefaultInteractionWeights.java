package dev.lodestone.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Built-in registry every tenant starts with (docs/api.md, Interactions). */
public final class DefaultInteractionWeights {
    public static final double OTHER = 1.0;
    public static final String RATING = "rating";

    private static final Map<String, Double> DEFAULTS;
    private static final Map<String, String> DESCRIPTIONS;

    static {
        var w = new LinkedHashMap<String, Double>();
        w.put("view", 1.0);
        w.put("click", 1.0);
        w.put("like", 2.0);
        w.put("add_to_cart", 3.0);
        w.put("purchase", 5.0);
        DEFAULTS = Map.copyOf(w);
        DESCRIPTIONS = Map.of(
                "view", "Entity viewed",
                "click", "Entity clicked",
                "like", "Entity liked",
                "add_to_cart", "Entity added to cart",
                "purchase", "Entity purchased");
    }

    private DefaultInteractionWeights() {
    }

    /** Name to weight, in a stable order. */
    public static Map<String, Double> all() {
        var ordered = new LinkedHashMap<String, Double>();
        for (String name : new String[] {"view", "click", "like", "add_to_cart", "purchase"}) {
            ordered.put(name, DEFAULTS.get(name));
        }
        return ordered;
    }

    public static String description(String name) {
        return DESCRIPTIONS.get(name);
    }

    /** The built-in weight of a type, {@link #OTHER} for names without one. */
    public static double weightOf(String name) {
        return DEFAULTS.getOrDefault(name, OTHER);
    }
}
