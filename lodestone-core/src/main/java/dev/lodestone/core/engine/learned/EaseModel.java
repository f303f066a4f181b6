package dev.lodestone.core.engine.learned;

import java.time.Instant;

/**
 * A trained EASE item-item weight matrix over the tenant's most popular items (Steck 2019, "Embarrassingly Shallow
 * Autoencoders"): B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹, zero diagonal. Immutable; swapped in whole.
 *
 * <p>Scores are folded in from the user's live history at request time (score = history row × B), so a new
 * interaction with a modelled item changes the next answer without retraining. Items outside the model (less
 * popular or newer than the training) get no score here; the other sources reach them.
 *
 * @param items          catalogue index of each column (−1 when the entity no longer exists)
 * @param weights        B row-major: {@code weights[i * size + j]} is the weight of history item i for item j
 * @param lambda         the L2 regularisation used
 * @param learnedShare   the model's share of a hybrid list's collaborative blend (the rest: item-kNN and user-kNN
 *                       halves), chosen on validation with λ
 * @param trainedAt      when the training finished
 * @param trainingMillis how long the training took
 * @param interactions   positive user-item pairs it was trained on
 */
public record EaseModel(int[] items, float[] weights, double lambda, double learnedShare, Instant trainedAt,
                        long trainingMillis, long interactions) {
    public int size() {
        return items.length;
    }

    /** Bytes held by the weights and the column map. */
    public long bytes() {
        return 4L * weights.length + 4L * items.length;
    }

    /** Column of each catalogue index (−1 when not modelled), for a catalogue of {@code catalogueSize} entries. */
    public int[] columnsOf(int catalogueSize) {
        int[] columns = new int[catalogueSize];
        java.util.Arrays.fill(columns, -1);
        for (int c = 0; c < items.length; c++) if (items[c] >= 0 && items[c] < catalogueSize) columns[items[c]] = c;
        return columns;
    }

    /** Adds {@code x} × row {@code column} of B to {@code acc} (length ≥ size). */
    public void addRow(int column, float x, float[] acc) {
        int n = items.length;
        int base = column * n;
        for (int j = 0; j < n; j++) acc[j] += x * weights[base + j];
    }
}
