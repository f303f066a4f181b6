package dev.lodestone.bench.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Parses {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, a plain number of seconds, or ISO-8601 ({@code PT1M}). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s")) return seconds(v.substring(0, v.length() - 1), 1);
            if (v.endsWith("m")) return seconds(v.substring(0, v.length() - 1), 60);
            if (v.endsWith("h")) return seconds(v.substring(0, v.length() - 1), 3600);
            return seconds(v, 1);
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (try 500ms, 60s, 2m)");
        }
    }

    private static Duration seconds(String number, long unit) {
        return Duration.ofNanos(Math.round(Double.parseDouble(number) * unit * 1e9));
    }
}
