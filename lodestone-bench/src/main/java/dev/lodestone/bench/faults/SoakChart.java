package dev.lodestone.bench.faults;

import java.util.List;
import java.util.Locale;

/**
 * A soak's samples drawn as a small SVG line chart: heap after full GC and resident size over time, on one megabyte
 * axis starting at zero (so a flat heap looks flat and a small climb is not magnified). Plain SVG text, no library.
 */
public final class SoakChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    static final String HEAP_COLOUR = "#1f77b4";
    static final String RSS_COLOUR = "#999999";

    /** One sample: minutes since the load started, heap after full GC and resident size, in MB. */
    public record Point(double minute, double heapMb, double rssMb) {
    }

    private SoakChart() {
    }

    /** The chart of {@code points} (at least one), titled {@code title}. */
    public static String svg(String title, List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a chart needs at least one sample");
        double maxMinute = Math.max(1, points.stream().mapToDouble(Point::minute).max().orElseThrow());
        double maxMb = points.stream().mapToDouble(p -> Math.max(p.heapMb(), p.rssMb())).max().orElseThrow();
        double mbStep = niceStep(maxMb / 5);
        double topMb = Math.max(mbStep, Math.ceil(maxMb / mbStep) * mbStep);
        double minuteStep = niceStep(maxMinute / 6);
        double topMinute = Math.ceil(maxMinute / minuteStep) * minuteStep;
        var scale = new Scale(topMinute, topMb);

        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
        for (double mb = 0; mb <= topMb + 1e-9; mb += mbStep) {
            double y = scale.y(mb);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, label(mb)));
        }
        for (double minute = 0; minute <= topMinute + 1e-9; minute += minuteStep) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    scale.x(minute), HEIGHT - BOTTOM + 16, label(minute)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes</text>%n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">MB</text>%n", TOP + (HEIGHT - TOP - BOTTOM) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2));
        svg.append(polyline(points, scale, true, RSS_COLOUR));
        svg.append(polyline(points, scale, false, HEAP_COLOUR));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" text-anchor=\"end\">resident size (RSS)"
                + "</text>%n", WIDTH - RIGHT, TOP + 12, RSS_COLOUR));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" text-anchor=\"end\">heap after full GC"
                + "</text>%n", WIDTH - RIGHT, TOP + 26, HEAP_COLOUR));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String polyline(List<Point> points, Scale scale, boolean rss, String colour) {
        var coordinates = new StringBuilder();
        for (Point p : points) {
            if (!coordinates.isEmpty()) coordinates.append(' ');
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f", scale.x(p.minute()),
                    scale.y(rss ? p.rssMb() : p.heapMb())));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, coordinates);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}. */
    static double niceStep(double rough) {
        if (rough <= 0) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough - 1e-9) return m * power;
        }
        return 10 * power;
    }

    private static String label(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Data to pixel coordinates inside the plot area. */
    private record Scale(double topMinute, double topMb) {
        double x(double minute) {
            return LEFT + minute / topMinute * (WIDTH - LEFT - RIGHT);
        }

        double y(double mb) {
            return HEIGHT - BOTTOM - mb / topMb * (HEIGHT - TOP - BOTTOM);
        }
    }
}
