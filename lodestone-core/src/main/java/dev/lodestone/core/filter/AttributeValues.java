package dev.lodestone.core.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Looks attribute values up by (dotted) key and compares them the way the filter language defines. */
public final class AttributeValues {
    private AttributeValues() {
    }

    /**
     * The value at {@code key}: an exact key first (attribute names may contain dots), else a walk through nested
     * objects along the dotted path. Null when absent.
     */
    public static Object lookup(Map<String, Object> attributes, String key) {
        if (attributes == null) return null;
        Object direct = attributes.get(key);
        if (direct != null || key.indexOf('.') < 0) return direct;
        Object current = attributes;
        int start = 0;
        while (start <= key.length()) {
            if (!(current instanceof Map<?, ?> map)) return null;
            int dot = key.indexOf('.', start);
            String part = dot < 0 ? key.substring(start) : key.substring(start, dot);
            current = map.get(part);
            if (dot < 0) return current;
            start = dot + 1;
        }
        return null;
    }

    /** Equality across Number classes (1 == 1.0), strings and booleans; different kinds are never equal. */
    static boolean equal(Object value, Object literal) {
        if (value instanceof Number a && literal instanceof Number b) return compareNumbers(a, b) == 0;
        return value != null && value.equals(literal);
    }

    /** Sign of value − literal for two numbers or two strings; null when they cannot be ordered. */
    static Integer order(Object value, Object literal) {
        if (value instanceof Number a && literal instanceof Number b) return compareNumbers(a, b);
        if (value instanceof String a && literal instanceof String b) return Integer.signum(a.compareTo(b));
        return null;
    }

    /** Exact when both are integral or decimal; as doubles when either is a binary floating-point number. */
    static int compareNumbers(Number a, Number b) {
        if (isSmallIntegral(a) && isSmallIntegral(b)) return Long.compare(a.longValue(), b.longValue());
        if (isExact(a) && isExact(b)) return toBigDecimal(a).compareTo(toBigDecimal(b));
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    private static boolean isSmallIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static boolean isExact(Number n) {
        return isSmallIntegral(n) || n instanceof BigInteger || n instanceof BigDecimal;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) return d;
        if (n instanceof BigInteger i) return new BigDecimal(i);
        return BigDecimal.valueOf(n.longValue());
    }
}
