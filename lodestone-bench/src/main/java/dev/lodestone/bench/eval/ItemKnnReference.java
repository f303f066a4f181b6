package dev.lodestone.bench.eval;

import java.util.Arrays;
import java.util.List;

/**
 * A plain item-kNN, written independently of the engine as an outside reference: cosine similarity between the
 * items' user-weight columns, the {@code neighbours} most similar items kept per item, and a user's score of an
 * item the weighted sum of its similarities to what the user interacted with.
 */
final class ItemKnnReference implements Recommender {
    private final TrainingSet train;
    private final int[][] neighbour;
    private final float[][] similarity;

    ItemKnnReference(TrainingSet train, int neighbours) {
        this.train = train;
        int items = train.itemCount();
        // item → users, the transpose of the training rows
        int[] itemStart = new int[items + 1];
        for (int item : train.userItems) itemStart[item + 1]++;
        for (int i = 0; i < items; i++) itemStart[i + 1] += itemStart[i];
        int[] itemUsers = new int[train.userItems.length];
        float[] itemWeights = new float[train.userItems.length];
        int[] fill = Arrays.copyOf(itemStart, items);
        double[] norm = new double[items];
        for (int u = 0; u < train.users(); u++) {
            for (int p = train.userStart[u]; p < train.userStart[u + 1]; p++) {
                int item = train.userItems[p];
                itemUsers[fill[item]] = u;
                itemWeights[fill[item]++] = train.userWeights[p];
                norm[item] += (double) train.userWeights[p] * train.userWeights[p];
            }
        }
        for (int i = 0; i < items; i++) norm[i] = Math.sqrt(norm[i]);
        neighbour = new int[items][];
        similarity = new float[items][];
        double[] dot = new double[items];
        int[] touched = new int[items];
        for (int i = 0; i < items; i++) {
            int touchedCount = 0;
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                int u = itemUsers[p];
                for (int q = train.userStart[u]; q < train.userStart[u + 1]; q++) {
                    int j = train.userItems[q];
                    if (j == i) continue;
                    if (dot[j] == 0) touched[touchedCount++] = j;
                    dot[j] += (double) itemWeights[p] * train.userWeights[q];
                }
            }
            for (int t = 0; t < touchedCount; t++) dot[touched[t]] /= norm[i] * norm[touched[t]];
            int keep = Math.min(neighbours, touchedCount);
            int[] best = topByScore(touched, touchedCount, dot, keep);
            neighbour[i] = best;
            similarity[i] = new float[keep];
            for (int t = 0; t < keep; t++) similarity[i][t] = (float) dot[best[t]];
            for (int t = 0; t < touchedCount; t++) dot[touched[t]] = 0;
        }
    }

    @Override
    public String name() {
        return "reference_item_knn";
    }

    @Override
    public List<String> recommend(String userId, int k) {
        int u = train.userIndex.getInt(userId);
        double[] scores = new double[train.itemCount()];
        if (u >= 0) {
            for (int p = train.userStart[u]; p < train.userStart[u + 1]; p++) {
                int item = train.userItems[p];
                for (int t = 0; t < neighbour[item].length; t++) scores[neighbour[item][t]] += similarity[item][t] * train.userWeights[p];
            }
        }
        return train.top(scores, u, k);
    }

    private static int[] topByScore(int[] candidates, int count, double[] score, int keep) {
        Integer[] order = new Integer[count];
        for (int t = 0; t < count; t++) order[t] = candidates[t];
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[keep];
        for (int t = 0; t < keep; t++) out[t] = order[t];
        return out;
    }
}
