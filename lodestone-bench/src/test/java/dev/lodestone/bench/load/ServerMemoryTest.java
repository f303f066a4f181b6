package dev.lodestone.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMemoryTest {
    @Test
    void readsRssAndPeakFromProcStatus(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999999 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  700001 kB\nThreads:\t42\n");
        assertThat(ServerMemory.read(status)).contains(new ServerMemory.Usage(700001, 812345));
        assertThat(ServerMemory.read(dir.resolve("missing"))).isEmpty();
    }
}
