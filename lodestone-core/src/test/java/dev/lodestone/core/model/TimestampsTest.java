package dev.lodestone.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {
    @Test
    void parsesAnyOffsetToMicrosecondsInUtc() {
        assertThat(Timestamps.parse("2025-10-20T12:00:00.1234567+02:00")).isEqualTo(Instant.parse("2025-10-20T10:00:00.123456Z"));
        assertThat(Timestamps.parse("0000-01-01T00:00:00Z")).isEqualTo(Timestamps.EARLIEST);
        assertThat(Timestamps.parse("9999-12-31T23:59:59.999999Z")).isEqualTo(Timestamps.LATEST);
    }

    /** Expanded ISO years parse as dates but overflowed the stores' microsecond columns (a 500 before). */
    @Test
    void refusesInstantsOutsideFourDigitYears() {
        for (String text : new String[]{"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00"}) {
            assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
