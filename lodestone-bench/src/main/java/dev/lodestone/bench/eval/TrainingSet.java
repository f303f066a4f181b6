package dev.lodestone.bench.eval;

import dev.lodestone.core.model.Interaction;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Training interactions dictionary-encoded for the bench's own reference models: user × item summed weights in
 * compressed rows, positive weights only, plus what each user has seen (any weight).
 */
final class TrainingSet {
    final Object2IntOpenHashMap<String> userIndex = new Object2IntOpenHashMap<>();
    final Object2IntOpenHashMap<String> itemIndex = new Object2IntOpenHashMap<>();
    final List<String> items = new ArrayList<>();
    /** Items of user u with positive summed weight: userItems[userStart[u] .. userStart[u + 1]), weights alike. */
    final int[] userStart;
    final int[] userItems;
    final float[] userWeights;
    final IntOpenHashSet[] seen;

    TrainingSet(List<Interaction> train) {
        userIndex.defaultReturnValue(-1);
        itemIndex.defaultReturnValue(-1);
        List<it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap> rows = new ArrayList<>();
        for (Interaction i : train) {
            int u = userIndex.computeIfAbsent(i.userId(), k -> rows.size());
            if (u == rows.size()) rows.add(new it.unimi.dsi.fastutil.ints.Int2DoubleOpenHashMap());
            int item = itemIndex.computeIfAbsent(i.entityId(), k -> items.size());
            if (item == items.size()) items.add(i.entityId());
            rows.get(u).addTo(item, i.weight());
        }
        userStart = new int[rows.size() + 1];
        seen = new IntOpenHashSet[rows.size()];
        int nnz = 0;
        for (int u = 0; u < rows.size(); u++) {
            seen[u] = new IntOpenHashSet(rows.get(u).keySet());
            for (double w : rows.get(u).values()) if (w > 0) nnz++;
        }
        userItems = new int[nnz];
        userWeights = new float[nnz];
        int p = 0;
        for (int u = 0; u < rows.size(); u++) {
            userStart[u] = p;
            int[] keys = rows.get(u).keySet().toIntArray();
            java.util.Arrays.sort(keys);
            for (int item : keys) {
                double w = rows.get(u).get(item);
                if (w <= 0) continue;
                userItems[p] = item;
                userWeights[p++] = (float) w;
            }
        }
        userStart[rows.size()] = p;
    }

    int users() {
        return userStart.length - 1;
    }

    int itemCount() {
        return items.size();
    }

    /** Ids of the k best-scored items not seen by user u (u may be -1), ties broken by id. */
    List<String> top(double[] scores, int u, int k) {
        var heap = new java.util.PriorityQueue<Integer>((a, b) -> {
            int c = Double.compare(scores[a], scores[b]);
            return c != 0 ? c : items.get(b).compareTo(items.get(a));
        });
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] <= 0 || (u >= 0 && seen[u].contains(i))) continue;
            heap.add(i);
            if (heap.size() > k) heap.poll();
        }
        List<String> out = new ArrayList<>(heap.size());
        while (!heap.isEmpty()) out.add(items.get(heap.poll()));
        java.util.Collections.reverse(out);
        return out;
    }
}
