package dev.lodestone.bench.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {
    private static final String LOG = """
            [2026-12-02T11:52:41.766+0000][1013.961s] GC(526) Pause Young (Normal) (G1 Evacuation Pause) 188M->47M(256M) 108.597ms
            [2026-12-02T11:52:44.623+0000][1016.817s] GC(528) Pause Full (Diagnostic Command) 82M->28M(256M) 170.140ms
            [1016.900s][info][gc] GC(529) Pause Young (Concurrent Start) (G1 Humongous Allocation) 120M->60M(256M) 3.1ms
            [1079.491s][info][gc] GC(566) Pause Full (System.gc()) 151M->29M(256M) 508.198ms
            [1080.000s][info][gc] GC(567) Pause Full (Allocation Failure) 4096K->2048K(8192K) 1.000ms
            """;

    @Test
    void readsTheHeapAfterEachFullGcAndIgnoresYoungPauses() {
        assertThat(GcLog.heapsAfterFullGcKb(LOG)).containsExactly(28L * 1024, 29L * 1024, 2048L);
    }

    @Test
    void aMissingOrEmptyLogHasNoFullGcYet(@TempDir Path dir) throws Exception {
        var log = new GcLog(dir.resolve("gc.log"));
        assertThat(log.heapsAfterFullGcKb()).isEmpty();
        Files.writeString(dir.resolve("gc.log"), LOG);
        assertThat(log.heapsAfterFullGcKb()).hasSize(3);
        assertThat(log.jvmOption()).isEqualTo("-Xlog:gc:file=" + dir.resolve("gc.log"));
    }
}
