package dev.lodestone.core.engine.rank;

/**
 * The k-th largest of n floats by quickselect (Hoare partition, middle pivot), in expected O(n) and without
 * allocating: it reorders the given array, so callers pass a copy. Cheaper than a bounded heap when k is a sizeable
 * share of n, where most offers would enter the heap.
 */
public final class KthLargest {
    private KthLargest() {
    }

    /** The k-th largest (k ≥ 1) of {@code values[0..n)}; reorders that range. */
    public static float of(float[] values, int n, int k) {
        if (k < 1 || k > n) throw new IllegalArgumentException("k must be in 1.." + n + ", was " + k);
        int target = k - 1; // position in descending order
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            float pivot = values[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j) {
                while (values[i] > pivot) i++;
                while (values[j] < pivot) j--;
                if (i <= j) {
                    float t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return values[target];
        }
        return values[target];
    }
}
