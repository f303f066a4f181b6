package dev.lodestone.core.engine.learned;

/**
 * Inverts a symmetric positive definite matrix in place with a plain Cholesky factorisation (no library: the sizes
 * here, a few thousand, take seconds on one core). Three O(n³/6) sweeps: A = L·Lᵀ, X = L⁻¹ (row by row), then
 * A⁻¹ = Xᵀ·X accumulated as outer products of X's rows. The inner loops run over contiguous memory.
 */
public final class SymmetricInverse {
    private SymmetricInverse() {
    }

    /**
     * On return {@code a} (n×n, row-major; only its lower triangle and diagonal are read) holds A⁻¹ in its upper
     * triangle and diagonal ({@code a[i*n+j]} for j ≥ i); read the inverse with {@link #get}.
     *
     * @throws ArithmeticException when the matrix is not positive definite
     */
    public static void invert(double[] a, int n) {
        cholesky(a, n);
        invertLower(a, n);
        gram(a, n);
    }

    /** The (i, j) entry of an inverse left by {@link #invert}. */
    public static double get(double[] a, int n, int i, int j) {
        return i <= j ? a[i * n + j] : a[j * n + i];
    }

    /** Lower triangle of {@code a} becomes L with A = L·Lᵀ (Cholesky–Banachiewicz, row by row). */
    static void cholesky(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = a[ri + j] - dot(a, ri, rj, j);
                if (i == j) {
                    if (!(s > 0)) throw new ArithmeticException("matrix is not positive definite");
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + j] = s / a[rj + j];
                }
            }
        }
    }

    /** Σ_{k<len} a[x+k]·a[y+k], four accumulators so the additions pipeline. */
    private static double dot(double[] a, int x, int y, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += a[x + k] * a[y + k];
            s1 += a[x + k + 1] * a[y + k + 1];
            s2 += a[x + k + 2] * a[y + k + 2];
            s3 += a[x + k + 3] * a[y + k + 3];
        }
        for (; k < len; k++) s0 += a[x + k] * a[y + k];
        return (s0 + s1) + (s2 + s3);
    }

    /** Lower triangle L becomes X = L⁻¹: L_ii·X_i· = e_i − Σ_{k<i} L_ik·X_k· (rows k < i are already X). */
    static void invertLower(double[] a, int n) {
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            java.util.Arrays.fill(row, 0, i + 1, 0);
            for (int k = 0; k < i; k++) {
                double l = a[ri + k];
                if (l == 0) continue;
                int rk = k * n;
                for (int j = 0; j <= k; j++) row[j] -= l * a[rk + j];
            }
            row[i] = 1;
            double inv = 1 / a[ri + i];
            for (int j = 0; j <= i; j++) a[ri + j] = row[j] * inv;
        }
    }

    /**
     * With X = L⁻¹ in the lower triangle, writes P = Xᵀ·X into the upper triangle and diagonal: P += x_kᵀ·x_k for
     * each row k of X, in order, so X's diagonal entry k is read before P's (k, k) replaces it.
     */
    static void gram(double[] a, int n) {
        for (int i = 0; i < n; i++) java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0);
        for (int k = 0; k < n; k++) {
            int rk = k * n;
            for (int i = 0; i < k; i++) {
                double x = a[rk + i];
                if (x == 0) continue;
                int ri = i * n;
                // diagonal (i, i) already holds P (its X entry was consumed at step i); the rest is upper triangle
                for (int j = i; j <= k; j++) a[ri + j] += x * a[rk + j];
            }
            double d = a[rk + k];
            a[rk + k] = d * d;
        }
    }
}
