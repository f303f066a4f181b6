package dev.lodestone.core.filter;

/** Placeholder until the filter language lands: accepts only the empty expression. */
final class FilterParser {
    private FilterParser() {
    }

    static FilterExpression parse(String text) {
        if (text == null || text.isBlank()) return attributes -> true;
        throw new FilterSyntaxException("filter expressions are not supported yet", 0);
    }
}
