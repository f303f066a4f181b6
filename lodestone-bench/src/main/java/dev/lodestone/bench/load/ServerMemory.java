package dev.lodestone.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of a local process, from Linux's {@code /proc/PID/status}. */
final class ServerMemory {
    record Usage(long rssKb, long peakKb) {
    }

    private ServerMemory() {
    }

    static Optional<Usage> of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    static Optional<Usage> read(Path status) {
        try {
            long rss = -1, peak = -1;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) rss = kilobytes(line);
                else if (line.startsWith("VmHWM:")) peak = kilobytes(line);
            }
            return rss < 0 ? Optional.empty() : Optional.of(new Usage(rss, Math.max(peak, rss)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String line) {
        // "VmRSS:	  123456 kB"
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
