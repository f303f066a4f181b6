package dev.lodestone.core.engine.learned;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SymmetricInverseTest {
    @Test
    void timesTheOriginalGivesTheIdentity() {
        int n = 37;
        Random random = new Random(7);
        double[] m = new double[n * n];
        // XᵀX + λI of a random 0/1 matrix: the shape EASE inverts
        for (int u = 0; u < 200; u++) {
            boolean[] row = new boolean[n];
            for (int i = 0; i < n; i++) row[i] = random.nextDouble() < 0.2;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (row[i] && row[j]) m[i * n + j] += 1;
        }
        for (int i = 0; i < n; i++) m[i * n + i] += 3;
        double[] a = m.clone();
        SymmetricInverse.invert(a, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += m[i * n + k] * SymmetricInverse.get(a, n, k, j);
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-9));
            }
        }
    }

    @Test
    void rejectsAMatrixThatIsNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1};
        assertThatThrownBy(() -> SymmetricInverse.invert(a, 2)).isInstanceOf(ArithmeticException.class);
    }
}
