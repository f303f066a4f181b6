package dev.lodestone.bench.eval;

import java.util.ArrayList;
import java.util.List;

/** Most popular items by summed positive training weight, minus what the user has seen: the bar every model must clear. */
final class PopularityBaseline implements Recommender {
    private final TrainingSet train;
    /** Item indexes, most popular first, ties by id. */
    private final int[] ranking;

    PopularityBaseline(TrainingSet train) {
        this.train = train;
        double[] popularity = new double[train.itemCount()];
        for (int p = 0; p < train.userItems.length; p++) popularity[train.userItems[p]] += train.userWeights[p];
        ranking = java.util.stream.IntStream.range(0, popularity.length).boxed()
                .filter(i -> popularity[i] > 0)
                .sorted((a, b) -> {
                    int c = Double.compare(popularity[b], popularity[a]);
                    return c != 0 ? c : train.items.get(a).compareTo(train.items.get(b));
                })
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String name() {
        return "baseline_popularity";
    }

    @Override
    public List<String> recommend(String userId, int k) {
        int u = train.userIndex.getInt(userId);
        List<String> out = new ArrayList<>(k);
        for (int i = 0; i < ranking.length && out.size() < k; i++) {
            if (u < 0 || !train.seen[u].contains(ranking[i])) out.add(train.items.get(ranking[i]));
        }
        return out;
    }
}
