package dev.lodestone.bench.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;

/**
 * Dense EASE over every training item (Steck 2019) as an outside reference, with EJML's inverse (no engine code):
 * B = I − P·diag(1/diag P), P = (XᵀX + λI)⁻¹ with binary X of positive interactions, zero diagonal; a user's scores
 * are their row of X times B. Memory is 8·n² bytes, so keep it to catalogues up to ~20k items.
 */
final class DenseEaseReference implements Recommender {
    static final String NAME = "reference_dense_ease";
    private final String name;
    private final TrainingSet train;
    private final float[] b;
    private final int n;

    DenseEaseReference(String name, TrainingSet train, double lambda) {
        this.name = name;
        this.train = train;
        n = train.itemCount();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] gram = g.data;
        for (int u = 0; u < train.users(); u++) {
            for (int p = train.userStart[u]; p < train.userStart[u + 1]; p++) {
                int i = train.userItems[p];
                for (int q = train.userStart[u]; q < train.userStart[u + 1]; q++) gram[i * n + train.userItems[q]] += 1;
            }
        }
        for (int i = 0; i < n; i++) gram[i * n + i] += lambda;
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(g, inverse)) throw new IllegalStateException("Gram matrix not positive definite");
        double[] a = inverse.data;
        b = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) if (i != j) b[i * n + j] = (float) (-a[i * n + j] / a[j * n + j]);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> recommend(String userId, int k) {
        int u = train.userIndex.getInt(userId);
        double[] scores = new double[n];
        if (u >= 0) {
            for (int p = train.userStart[u]; p < train.userStart[u + 1]; p++) {
                int row = train.userItems[p] * n;
                for (int j = 0; j < n; j++) scores[j] += b[row + j];
            }
        }
        return train.top(scores, u, k);
    }
}
