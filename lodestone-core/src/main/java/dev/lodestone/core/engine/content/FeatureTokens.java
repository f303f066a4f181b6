package dev.lodestone.core.engine.content;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an entity's attributes into deterministic, key-aware feature tokens:
 * <ul>
 *   <li>short strings: {@code category=shoes} (lower-cased);</li>
 *   <li>text (strings with spaces): one token per word, {@code title:leather}, plus the whole value when short;</li>
 *   <li>array elements: one token each, {@code tags=red};</li>
 *   <li>numbers: a log-scaled bucket, {@code price~13} (about 41 % wide), so close values share a token;</li>
 *   <li>booleans: {@code in_stock=true};</li>
 *   <li>nested objects: flattened with dotted keys, {@code brand.name=acme}.</li>
 * </ul>
 */
public final class FeatureTokens {
    /** Receives each token with its term frequency. */
    public interface Sink {
        void token(String token, float frequency);
    }

    private static final int MAX_TEXT_CHARS = 2000;
    private static final int SHORT_TEXT_CHARS = 40;

    private FeatureTokens() {
    }

    public static void forEach(Map<String, Object> attributes, Sink sink) {
        if (attributes == null) return;
        for (var e : attributes.entrySet()) value(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), sink);
    }

    private static void value(String key, Object value, Sink sink) {
        switch (value) {
            case null -> {
            }
            case String s -> string(key, s, sink);
            case Number n -> sink.token(key + "~" + numberBucket(n.doubleValue()), 1f);
            case Boolean b -> sink.token(key + "=" + b, 1f);
            case List<?> list -> {
                for (Object element : list) {
                    if (element instanceof String s) sink.token(key + "=" + normalise(s), 1f);
                    else value(key, element, sink);
                }
            }
            case Map<?, ?> map -> {
                for (var e : map.entrySet()) value(key + "." + String.valueOf(e.getKey()).toLowerCase(Locale.ROOT), e.getValue(), sink);
            }
            default -> sink.token(key + "=" + normalise(value.toString()), 1f);
        }
    }

    private static void string(String key, String s, Sink sink) {
        String text = s.length() > MAX_TEXT_CHARS ? s.substring(0, MAX_TEXT_CHARS) : s;
        boolean hasSpace = text.indexOf(' ') >= 0;
        if (!hasSpace || text.length() <= SHORT_TEXT_CHARS) sink.token(key + "=" + normalise(text), 1f);
        if (!hasSpace) return;
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (wordChar && start < 0) start = i;
            if (!wordChar && start >= 0) {
                if (i - start >= 2) sink.token(key + ":" + lower.substring(start, i), 0.5f);
                start = -1;
            }
        }
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** Sign-aware bucket of log2(1+|x|) in half steps. */
    static int numberBucket(double x) {
        if (Double.isNaN(x)) return 0;
        if (Double.isInfinite(x)) return x > 0 ? 10_000 : -10_000;
        int b = (int) Math.floor(2 * Math.log1p(Math.abs(x)) / Math.log(2));
        return x < 0 ? -b - 1 : b;
    }
}
