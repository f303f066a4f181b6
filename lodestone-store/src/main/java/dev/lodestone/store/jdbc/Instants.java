package dev.lodestone.store.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The store keeps instants to the microsecond (what PostgreSQL's timestamptz holds). */
public final class Instants {
    private Instants() {
    }

    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static long toEpochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
