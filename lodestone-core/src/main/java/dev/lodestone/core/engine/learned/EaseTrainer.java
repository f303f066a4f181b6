package dev.lodestone.core.engine.learned;

import java.time.Clock;
import java.util.Arrays;

/**
 * Trains an {@link EaseModel} from users' positive items over a chosen set of columns: the Gram matrix XᵀX of binary
 * user rows, λ on its diagonal, a Cholesky inverse, then B_ij = −P_ij / P_jj. Costs O(Σ rows²) for the Gram matrix
 * and about n³/2 multiply-adds for the inverse (n = columns), on the calling thread only.
 */
public final class EaseTrainer {
    /**
     * Most popular items modelled. Validation on datagen and a real ratings set: past ~2,500 columns recall gains
     * little while the inverse grows as n³ and the weights as n² (2,500 columns: 25 MB of weights, ~5 s on one core).
     */
    public static final int DEFAULT_ITEMS = 2500;
    /**
     * Where the search for λ starts on a tenant's first training ({@link LambdaSearch} then moves it on a validation
     * split of the tenant's data); 500 is what validation picked on the datagen tenants.
     */
    public static final double DEFAULT_LAMBDA = 500;

    private EaseTrainer() {
    }

    /**
     * The training input: column c models catalogue index {@code items[c]}; user u's positive columns are
     * {@code columns[rowStart[u] .. rowStart[u+1])}, ascending.
     */
    public record Input(int[] items, int[] rowStart, int[] columns) {
        public int users() {
            return rowStart.length - 1;
        }
    }

    public static EaseModel train(Input input, double lambda, double learnedShare, Clock clock) {
        long t0 = System.nanoTime();
        int n = input.items().length;
        double[] a = gram(input, n, null);
        for (int i = 0; i < n; i++) a[i * n + i] += lambda;
        SymmetricInverse.invert(a, n);
        float[] b = new float[n * n];
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) diagonal[j] = a[j * n + j];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) b[i * n + j] = (float) (-SymmetricInverse.get(a, n, i, j) / diagonal[j]);
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new EaseModel(Arrays.copyOf(input.items(), n), b, lambda, learnedShare, clock.instant(), millis,
                input.columns().length);
    }

    /**
     * The lower triangle (and diagonal) of XᵀX over the first {@code n} columns, row-major n×n; a user whose entry in
     * {@code rowOverride} is not null contributes those (ascending) columns instead of their row.
     */
    static double[] gram(Input input, int n, int[][] rowOverride) {
        double[] a = new double[n * n];
        int[] start = input.rowStart();
        int[] cols = input.columns();
        for (int u = 0; u < input.users(); u++) {
            int[] own = rowOverride == null ? null : rowOverride[u];
            if (own != null) {
                for (int p = 0; p < own.length; p++) {
                    int row = own[p] * n;
                    for (int q = 0; q <= p; q++) a[row + own[q]] += 1;
                }
                continue;
            }
            for (int p = start[u]; p < start[u + 1] && cols[p] < n; p++) {
                int row = cols[p] * n;
                for (int q = start[u]; q <= p; q++) a[row + cols[q]] += 1; // lower triangle: cols ascending
            }
        }
        return a;
    }
}
