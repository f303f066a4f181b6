package dev.lodestone.core.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** RFC 3339 in UTC with microseconds on output; any offset on input. */
public final class Timestamps {
    private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return OUT.format(instant);
    }

    /** RFC 3339 years have four digits; the stores hold every instant in between (and microseconds of it fit a long). */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Parses an RFC 3339 timestamp, truncated to microseconds (the stores' precision).
     *
     * @throws DateTimeParseException also for an instant outside years 0000 to 9999 in UTC (ISO 8601's expanded
     *                                years such as {@code -999999999-01-01T00:00:00Z} are not RFC 3339)
     */
    public static Instant parse(String text) throws DateTimeParseException {
        Instant at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new DateTimeParseException("outside the years 0000 to 9999", text, 0);
        }
        return at;
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
