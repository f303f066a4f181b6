package dev.lodestone.core.filter;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The storefront's category filter: the {@code category} attribute names {@code category}, ignoring case and
 * surrounding spaces — as the whole value, as one of a list's values, or as one name of a comma-separated value
 * (the WordPress plugin sends "Clothing, Hoodies"). A record, so equal filters share cached lists.
 */
public record CategoryMatch(String category) implements FilterExpression {
    public static final String ATTRIBUTE = "category";

    public CategoryMatch {
        category = category.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(Map<String, Object> attributes) {
        return matches(attributes.get(ATTRIBUTE));
    }

    private boolean matches(Object value) {
        if (value instanceof Collection<?> values) {
            for (Object v : values) if (matches(v)) return true;
            return false;
        }
        if (!(value instanceof String text)) return false;
        for (String name : text.split(",")) {
            if (name.trim().toLowerCase(Locale.ROOT).equals(category)) return true;
        }
        return false;
    }
}
