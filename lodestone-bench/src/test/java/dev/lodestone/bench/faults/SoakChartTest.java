package dev.lodestone.bench.faults;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakChartTest {
    private static final Pattern POLYLINE = Pattern.compile("<polyline [^>]*stroke=\"(#[0-9a-f]+)\"[^>]*points=\"([^\"]*)\"");

    @Test
    void drawsOnePointPerSampleForHeapAndRss() {
        String svg = SoakChart.svg("soak", List.of(new SoakChart.Point(1, 50, 400), new SoakChart.Point(2, 60, 410),
                new SoakChart.Point(3, 55, 420)));

        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n");
        assertThat(line(svg, SoakChart.HEAP_COLOUR)).hasSize(3);
        assertThat(line(svg, SoakChart.RSS_COLOUR)).hasSize(3);
    }

    @Test
    void aFlatHeapIsAHorizontalLineAndLargerValuesAreHigher() {
        String svg = SoakChart.svg("flat", List.of(new SoakChart.Point(1, 70, 400), new SoakChart.Point(10, 70, 450),
                new SoakChart.Point(30, 70, 500)));

        List<double[]> heap = line(svg, SoakChart.HEAP_COLOUR);
        List<double[]> rss = line(svg, SoakChart.RSS_COLOUR);
        assertThat(heap).extracting(p -> p[1]).containsOnly(heap.getFirst()[1]);
        assertThat(heap).extracting(p -> p[0]).isSorted();
        // SVG's y grows downwards: more memory is drawn higher up.
        assertThat(rss.getFirst()[1]).isGreaterThan(rss.getLast()[1]);
        assertThat(rss.getFirst()[1]).isLessThan(heap.getFirst()[1]);
    }

    @Test
    void theAxisStartsAtZeroSoASmallClimbIsNotMagnified() {
        String svg = SoakChart.svg("climb", List.of(new SoakChart.Point(1, 100, 100), new SoakChart.Point(2, 101, 101)));

        List<double[]> heap = line(svg, SoakChart.HEAP_COLOUR);
        double chartHeight = 320;
        // A 1 % climb moves the line by about 1 % of the chart, not from its bottom to its top.
        assertThat(heap.getFirst()[1] - heap.getLast()[1]).isGreaterThan(0).isLessThan(chartHeight * 0.02);
        assertThat(svg).contains("height=\"320\"").contains(">0</text>");
    }

    @Test
    void escapesTheTitleAndRefusesAnEmptyRun() {
        assertThat(SoakChart.svg("a < b & c", List.of(new SoakChart.Point(1, 1, 2)))).contains("a &lt; b &amp; c");
        assertThatThrownBy(() -> SoakChart.svg("none", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SoakChart.niceStep(0.7)).isEqualTo(1);
        assertThat(SoakChart.niceStep(13)).isEqualTo(20);
        assertThat(SoakChart.niceStep(40)).isEqualTo(50);
        assertThat(SoakChart.niceStep(100)).isEqualTo(100);
        assertThat(SoakChart.niceStep(0)).isEqualTo(1);
    }

    private static List<double[]> line(String svg, String colour) {
        Matcher m = POLYLINE.matcher(svg);
        while (m.find()) {
            if (!m.group(1).equals(colour)) continue;
            List<double[]> points = new ArrayList<>();
            for (String xy : m.group(2).split(" ")) {
                points.add(Arrays.stream(xy.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            return points;
        }
        throw new AssertionError("no line in " + colour);
    }
}
