package dev.lodestone.bench.eval;

import java.util.List;

/** Anything the evaluator can ask for a user's top-k entity ids (already-seen entities excluded). */
public interface Recommender {
    String name();

    List<String> recommend(String userId, int k);
}
