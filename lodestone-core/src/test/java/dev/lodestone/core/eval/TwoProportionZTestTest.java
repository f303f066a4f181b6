package dev.lodestone.core.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TwoProportionZTestTest {
    @Test
    void matchesTheTextbookValue() {
        // 200/1000 vs 250/1000: pooled 0.225, se 0.018675, z 2.677, two-sided p 0.0074
        var t = TwoProportionZTest.of(200, 1000, 250, 1000);
        assertThat(t.z()).isCloseTo(2.6774, within(1e-3));
        assertThat(t.pValue()).isCloseTo(0.00742, within(1e-4));
        assertThat(TwoProportionZTest.of(250, 1000, 200, 1000).z()).isCloseTo(-2.6774, within(1e-3));
    }

    @Test
    void smallDifferencesOnFewUsersAreNotSignificant() {
        var t = TwoProportionZTest.of(5, 50, 7, 50);
        assertThat(t.pValue()).isGreaterThan(0.5);
    }

    @Test
    void undefinedWithoutTrialsOrVariance() {
        assertThat(TwoProportionZTest.of(0, 0, 1, 10).defined()).isFalse();
        assertThat(TwoProportionZTest.of(0, 10, 0, 10).defined()).isFalse();
        assertThat(TwoProportionZTest.of(10, 10, 10, 10).defined()).isFalse();
    }

    @Test
    void normalCdfIsAccurate() {
        assertThat(TwoProportionZTest.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(TwoProportionZTest.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(TwoProportionZTest.normalCdf(-1.644854)).isCloseTo(0.05, within(1e-6));
    }
}
