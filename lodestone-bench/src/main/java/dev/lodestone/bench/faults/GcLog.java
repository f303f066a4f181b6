package dev.lodestone.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's GC log ({@code -Xlog:gc}), read for the heap left after each full GC as the collector reports it at
 * the end of the pause. Asking for the heap with a second {@code jcmd} after {@code GC.run} would also count what the
 * load allocated in between (the soak allocates about 100 MB/s), which is why the first soak figures were two to three
 * times the live heap.
 */
final class GcLog {
    /** "Pause Full (Diagnostic Command) 151M->28M(256M) 508.198ms": the cause, then before -> after (committed). */
    private static final Pattern FULL_GC = Pattern.compile("Pause Full \\(.*?\\) (\\d+)([BKMG])->(\\d+)([BKMG])\\(");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The option that makes the JVM write this log. */
    String jvmOption() {
        return "-Xlog:gc:file=" + file;
    }

    /** The heap after each full GC so far, oldest first, in KB (empty while the file does not exist). */
    List<Long> heapsAfterFullGcKb() throws IOException {
        try {
            return heapsAfterFullGcKb(Files.readString(file));
        } catch (NoSuchFileException notYet) {
            return List.of();
        }
    }

    static List<Long> heapsAfterFullGcKb(String log) {
        List<Long> heaps = new ArrayList<>();
        Matcher m = FULL_GC.matcher(log);
        while (m.find()) heaps.add(kb(Long.parseLong(m.group(3)), m.group(4)));
        return heaps;
    }

    private static long kb(long value, String unit) {
        return switch (unit) {
            case "B" -> value / 1024;
            case "K" -> value;
            case "M" -> value * 1024;
            default -> value * 1024 * 1024;
        };
    }
}
