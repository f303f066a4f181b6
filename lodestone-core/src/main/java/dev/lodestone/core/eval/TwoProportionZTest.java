package dev.lodestone.core.eval;

/**
 * The two-proportion z-test (two-sided, pooled variance): is the success rate x2/n2 different from x1/n1? Used for
 * A/B results, where each user exposed to a variant is one trial and a user who converted one success.
 *
 * @param z      (p2 − p1) / sqrt(p(1 − p)(1/n1 + 1/n2)) with p the pooled rate; NaN when undefined
 * @param pValue two-sided: 2(1 − Φ(|z|)); NaN when undefined (a group without trials, or a pooled rate of 0 or 1)
 */
public record TwoProportionZTest(double z, double pValue) {

    public static TwoProportionZTest of(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) return new TwoProportionZTest(Double.NaN, Double.NaN);
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance <= 0) return new TwoProportionZTest(Double.NaN, Double.NaN);
        double z = (p2 - p1) / Math.sqrt(variance);
        return new TwoProportionZTest(z, 2 * (1 - normalCdf(Math.abs(z))));
    }

    public boolean defined() {
        return !Double.isNaN(pValue);
    }

    /** Φ(x) through erf (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
    static double normalCdf(double x) {
        double t = x / Math.sqrt(2);
        double sign = t < 0 ? -1 : 1;
        double a = Math.abs(t);
        double k = 1 / (1 + 0.3275911 * a);
        double erf = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k + 0.254829592) * k * Math.exp(-a * a);
        return 0.5 * (1 + sign * erf);
    }
}
