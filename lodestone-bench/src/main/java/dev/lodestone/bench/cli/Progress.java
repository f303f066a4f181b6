package dev.lodestone.bench.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A carriage-return progress bar on stderr, redrawn at most five times a second. Thread-safe: workers call
 * {@link #step(long)} concurrently.
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean enabled;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long lastDraw = startNanos;

    public Progress(String label, long total, boolean enabled) {
        this(label, total, enabled, System.err);
    }

    Progress(String label, long total, boolean enabled, PrintStream out) {
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
        this.out = out;
    }

    public static Progress off() {
        return new Progress("", 1, false);
    }

    public void step(long n) {
        long now = done.addAndGet(n);
        if (!enabled) return;
        long t = System.nanoTime();
        if (t - lastDraw < REDRAW_NANOS && now < total) return;
        lastDraw = t;
        draw(now, t);
    }

    public long done() {
        return done.get();
    }

    private synchronized void draw(long now, long t) {
        double fraction = Math.min(1, (double) now / total);
        int filled = (int) (fraction * WIDTH);
        double seconds = (t - startNanos) / 1e9;
        double rate = seconds > 0 ? now / seconds : 0;
        double eta = rate > 0 ? (total - now) / rate : 0;
        out.print(String.format(Locale.ROOT, "\r%-14s [%s%s] %5.1f%% %,d/%,d %,.0f/s eta %.0fs   ", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, now, total, rate, Math.max(0, eta)));
        out.flush();
    }

    @Override
    public void close() {
        if (!enabled) return;
        draw(done.get(), System.nanoTime());
        out.println();
    }
}
