package dev.lodestone.bench.eval;

import java.util.List;

/** Most popular items by summed positive training weight, minus what the user has seen: the bar every model must clear. */
final class PopularityBaseline implements Recommender {
    private final TrainingSet train;
    private final double[] popularity;

    PopularityBaseline(TrainingSet train) {
        this.train = train;
        popularity = new double[train.itemCount()];
        for (int p = 0; p < train.userItems.length; p++) popularity[train.userItems[p]] += train.userWeights[p];
    }

    @Override
    public String name() {
        return "baseline_popularity";
    }

    @Override
    public List<String> recommend(String userId, int k) {
        return train.top(popularity, train.userIndex.getInt(userId), k);
    }
}
