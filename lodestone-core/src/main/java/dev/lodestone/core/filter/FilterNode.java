package dev.lodestone.core.filter;

import java.util.List;
import java.util.Map;

/**
 * The parsed tree of a filter. Nodes are records, so two parses of the same expression are equal (the engine's
 * result cache relies on that).
 */
sealed interface FilterNode extends FilterExpression {

    enum MatchAll implements FilterNode {
        INSTANCE;

        @Override
        public boolean test(Map<String, Object> attributes) {
            return true;
        }
    }

    record And(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            return left.test(attributes) && right.test(attributes);
        }
    }

    record Or(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            return left.test(attributes) || right.test(attributes);
        }
    }

    record Not(FilterNode inner) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            return !inner.test(attributes);
        }
    }

    enum Operator {
        EQ, NE, LT, LE, GT, GE;

        static Operator of(String symbol) {
            return switch (symbol) {
                case "==" -> EQ;
                case "!=" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                case ">=" -> GE;
                default -> throw new IllegalArgumentException(symbol);
            };
        }
    }

    /**
     * A comparison; a missing attribute makes it false (also for {@code !=}). On an array attribute, {@code ==}
     * holds when some element is equal and {@code !=} when none is.
     */
    record Compare(String key, Operator op, Object literal) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            Object value = AttributeValues.lookup(attributes, key);
            if (value == null) return false;
            if (value instanceof List<?> list) {
                return switch (op) {
                    case EQ -> list.stream().anyMatch(v -> AttributeValues.equal(v, literal));
                    case NE -> list.stream().noneMatch(v -> AttributeValues.equal(v, literal));
                    default -> false;
                };
            }
            if (op == Operator.EQ) return AttributeValues.equal(value, literal);
            if (op == Operator.NE) return !AttributeValues.equal(value, literal);
            Integer c = AttributeValues.order(value, literal);
            if (c == null) return false;
            return switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                default -> false;
            };
        }
    }

    /** {@code key in [..]}: the value (or some element of an array value) equals one of the literals. */
    record In(String key, List<Object> literals) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            Object value = AttributeValues.lookup(attributes, key);
            if (value == null) return false;
            if (value instanceof List<?> list) return list.stream().anyMatch(this::matchesOne);
            return matchesOne(value);
        }

        private boolean matchesOne(Object value) {
            for (Object literal : literals) if (AttributeValues.equal(value, literal)) return true;
            return false;
        }
    }

    /** An array attribute containing an equal element, or a string attribute containing the literal text. */
    record Contains(String key, Object literal) implements FilterNode {
        @Override
        public boolean test(Map<String, Object> attributes) {
            Object value = AttributeValues.lookup(attributes, key);
            if (value instanceof List<?> list) return list.stream().anyMatch(v -> AttributeValues.equal(v, literal));
            if (value instanceof String s && literal instanceof String part) return s.contains(part);
            return false;
        }
    }
}
