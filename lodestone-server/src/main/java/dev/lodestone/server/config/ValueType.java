package dev.lodestone.server.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a setting's text becomes its value, and back into what the configuration shows.
 *
 * @param accepted what is accepted, as the end of "NAME must be …" (the error message and the docs say the same)
 * @param parse    text (trimmed, never blank) to value; throws {@link IllegalArgumentException} when not accepted
 * @param shown    value to what {@code GET /api/config}, the start-up log and the docs show (a JSON-friendly value)
 */
public record ValueType<T>(String accepted, Function<String, T> parse, Function<T, Object> shown) {

    /** A type whose value is shown as it is. */
    public static <T> ValueType<T> of(String accepted, Function<String, T> parse) {
        return new ValueType<>(accepted, parse, value -> value);
    }

    public static ValueType<String> text(String accepted) {
        return of(accepted, raw -> raw);
    }

    public static ValueType<Path> path(String accepted) {
        return new ValueType<>(accepted, Path::of, Path::toString);
    }

    public static ValueType<Integer> integer(int min, int max) {
        return of("an integer between " + min + " and " + max, checked(Integer::parseInt, v -> v >= min && v <= max));
    }

    public static ValueType<Double> decimal(double min, double max) {
        return of("a number between " + plain(min) + " and " + plain(max),
                checked(Double::parseDouble, v -> v >= min && v <= max));
    }

    public static ValueType<Duration> seconds(long min, long max) {
        return new ValueType<>("whole seconds between " + min + " and " + max,
                checked(raw -> Duration.ofSeconds(Long.parseLong(raw)), d -> d.toSeconds() >= min && d.toSeconds() <= max),
                Duration::toSeconds);
    }

    public static ValueType<Duration> hours(long min, long max) {
        return new ValueType<>("whole hours between " + min + " and " + max,
                checked(raw -> Duration.ofHours(Long.parseLong(raw)), d -> d.toHours() >= min && d.toHours() <= max),
                Duration::toHours);
    }

    /** One of {@code allowed}, in any case; the value is lower case. */
    public static ValueType<String> oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return of("one of " + String.join(", ", values), checked(raw -> raw.toLowerCase(Locale.ROOT), values::contains));
    }

    public static ValueType<Boolean> bool() {
        ValueType<String> word = oneOf("true", "false");
        return of(word.accepted(), raw -> Boolean.parseBoolean(word.parse().apply(raw)));
    }

    /** A comma-separated list; blank items are dropped. */
    public static ValueType<List<String>> list(String accepted) {
        return of(accepted, raw -> Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** {@code parse}, then {@code valid}: a value outside it is refused like text that does not parse. */
    static <T> Function<String, T> checked(Function<String, T> parse, Predicate<T> valid) {
        return raw -> {
            T value = parse.apply(raw);
            if (!valid.test(value)) throw new IllegalArgumentException("out of range");
            return value;
        };
    }

    /** 1.0 → "1", 0.001 → "0.001": bounds as a person writes them. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
