package dev.lodestone.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts and validates client JSON values into plain Java values (String, Long/BigInteger/BigDecimal, Boolean,
 * List, LinkedHashMap), with the limits of docs/api.md. Every problem names the dotted field.
 */
public final class JsonValues {
    public static final int MAX_KEY_BYTES = 255;
    public static final int MAX_STRING_BYTES = 10_000;
    public static final int MAX_ARRAY_ITEMS = 1_000;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_KEYS = 1_000;
    /**
     * An id as clients may send it: a string, or — as shop plugins send product and order ids — a JSON integer, kept
     * as its decimal text ({@code 123} and {@code "123"} are the same id). Null for anything else; the id's own rules
     * (length, characters) are the caller's to check.
     */
    public static String idText(JsonNode node) {
        if (node == null) return null;
        if (node.isTextual()) return node.textValue();
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
    }

    /** Scalar values in one attributes or metadata object, array items included. */
    public static final int MAX_VALUES = 10_000;

    private JsonValues() {
    }

    /** Entity attributes: an object with at least one key; nested objects allowed to {@link #MAX_DEPTH}. */
    public static Map<String, Object> attributes(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) throw InvalidInput.field(field, "is required");
        if (!node.isObject()) throw InvalidInput.field(field, "must be a JSON object");
        if (node.isEmpty()) throw InvalidInput.field(field, "must have at least one attribute");
        var counter = new int[2];
        return object(node, field, 1, true, counter);
    }

    /** Interaction metadata: an object of strings, numbers and booleans (flat). */
    public static Map<String, Object> metadata(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) return Map.of();
        if (!node.isObject()) throw InvalidInput.field(field, "must be a JSON object");
        var counter = new int[2];
        return object(node, field, MAX_DEPTH, false, counter);
    }

    private static Map<String, Object> object(JsonNode node, String field, int depth, boolean nestedAllowed, int[] keys) {
        var out = new LinkedHashMap<String, Object>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            String key = e.getKey();
            String path = field + "." + key;
            if (++keys[0] > MAX_KEYS) throw InvalidInput.field(field, "has more than " + MAX_KEYS + " keys");
            if (key.isEmpty()) throw InvalidInput.field(path, "keys must not be empty");
            if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw InvalidInput.field(field, "keys must be at most " + MAX_KEY_BYTES + " bytes");
            }
            if (key.indexOf('\0') >= 0) throw InvalidInput.field(field, "keys must not contain NUL characters");
            if (hasLoneSurrogate(key)) throw InvalidInput.field(field, "keys must be valid Unicode text (a key holds a lone surrogate)");
            JsonNode v = e.getValue();
            if (v.isObject()) {
                if (!nestedAllowed) throw InvalidInput.field(path, "must be a string, number or boolean");
                if (depth >= MAX_DEPTH) throw InvalidInput.field(path, "nests deeper than " + MAX_DEPTH + " levels");
                out.put(key, object(v, path, depth + 1, true, keys));
            } else if (v.isArray()) {
                if (!nestedAllowed) throw InvalidInput.field(path, "must be a string, number or boolean");
                if (v.size() > MAX_ARRAY_ITEMS) throw InvalidInput.field(path, "has more than " + MAX_ARRAY_ITEMS + " items");
                countValues(keys, v.size(), field);
                List<Object> list = new ArrayList<>(v.size());
                for (int i = 0; i < v.size(); i++) list.add(scalar(v.get(i), path + "[" + i + "]"));
                out.put(key, list);
            } else {
                countValues(keys, 1, field);
                out.put(key, scalar(v, path));
            }
        }
        return out;
    }

    private static void countValues(int[] counts, int n, String field) {
        if ((counts[1] += n) > MAX_VALUES) {
            throw InvalidInput.field(field, "has more than " + MAX_VALUES + " values (array items included)");
        }
    }

    private static Object scalar(JsonNode v, String path) {
        if (v.isTextual()) return string(v.textValue(), path);
        if (v.isBoolean()) return v.booleanValue();
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        if (v.isNumber()) return v.decimalValue();
        if (v.isNull()) throw InvalidInput.field(path, "must not be null");
        throw InvalidInput.field(path, "must be a string, number or boolean");
    }

    public static String string(String s, String path) {
        if (s.length() > MAX_STRING_BYTES || s.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
            throw InvalidInput.field(path, "must be at most " + MAX_STRING_BYTES + " bytes");
        }
        if (s.indexOf('\0') >= 0) throw InvalidInput.field(path, "must not contain NUL characters");
        // JSON escapes can spell half of a surrogate pair ("\ud800"); stored as UTF-8 it would silently become '?'.
        if (hasLoneSurrogate(s)) throw InvalidInput.field(path, "must be valid Unicode text (it holds a lone surrogate)");
        return s;
    }

    /** Whether {@code s} has a UTF-16 surrogate that is not part of a pair (not encodable as UTF-8). */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return true;
            }
        }
        return false;
    }

    /** A required string field obeying an id rule. */
    public static String requiredId(JsonNode body, String field, java.util.function.Function<String, String> rule) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw InvalidInput.field(field, "is required");
        if (!v.isTextual()) throw InvalidInput.field(field, "must be a string");
        String problem = rule.apply(v.textValue());
        if (problem != null) throw InvalidInput.field(field, problem);
        return v.textValue();
    }

    /** An optional string field obeying an id rule; null when absent. */
    public static String optionalId(JsonNode body, String field, java.util.function.Function<String, String> rule) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        return requiredId(body, field, rule);
    }

    /** Bound of weights and values: sums of many stay far from overflow and from losing small terms. */
    public static final double MAX_MAGNITUDE = 1_000_000;

    /** An optional number within ±{@link #MAX_MAGNITUDE}; null when absent. */
    public static Double optionalNumber(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        return boundedNumber(v, field);
    }

    public static double boundedNumber(JsonNode v, String field) {
        if (!v.isNumber()) throw InvalidInput.field(field, "must be a number");
        double d = v.doubleValue();
        if (!Double.isFinite(d) || Math.abs(d) > MAX_MAGNITUDE) {
            throw InvalidInput.field(field, "must be a number between -1000000 and 1000000");
        }
        return d;
    }

    /** Optional {@code vector}: a non-empty array of finite numbers (as float). */
    public static float[] vector(JsonNode node, String field) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) throw InvalidInput.field(field, "must be an array of numbers");
        if (node.isEmpty()) throw InvalidInput.field(field, "must not be empty");
        if (node.size() > 4096) throw InvalidInput.field(field, "must have at most 4096 dimensions");
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) throw InvalidInput.field(field + "[" + i + "]", "must be a number");
            float f = x.floatValue();
            if (!Float.isFinite(f)) throw InvalidInput.field(field + "[" + i + "]", "must be a finite 32-bit float");
            out[i] = f;
        }
        return out;
    }
}
