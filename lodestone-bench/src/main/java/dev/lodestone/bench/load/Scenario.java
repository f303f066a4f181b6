package dev.lodestone.bench.load;

import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The workloads the load generator knows. */
public enum Scenario {
    /** The old service's validator: hybrid user recommendations, count 10. */
    VALIDATOR,
    SIMILAR,
    TRENDING,
    /** Reads and writes: recommendations with a share of single interaction writes ({@code --write-share}). */
    MIX,
    INGEST_SINGLE,
    /** POST /interactions/bulk with {@code --batch} interactions per request. */
    INGEST_BULK,
    /** GET /health: the server's ceiling. */
    HEALTH;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario parse(String name) {
        for (Scenario s : values()) if (s.cliName().equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) return s;
        throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of "
                + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", ")));
    }

    public static final class Converter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return parse(value);
        }
    }
}
