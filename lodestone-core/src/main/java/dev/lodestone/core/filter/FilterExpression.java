package dev.lodestone.core.filter;

import java.util.Map;

/**
 * A parsed attribute filter such as {@code category == "shoes" and price < 100 and tags contains "red"}.
 * Parsed once per request, evaluated per candidate.
 */
public interface FilterExpression {

    boolean test(Map<String, Object> attributes);

    /**
     * @throws FilterSyntaxException with the 0-based character position of the problem
     */
    static FilterExpression parse(String text) {
        return FilterParser.parse(text);
    }
}
