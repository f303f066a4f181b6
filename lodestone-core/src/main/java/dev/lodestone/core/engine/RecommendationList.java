package dev.lodestone.core.engine;

import java.util.List;

public record RecommendationList(List<Recommendation> items, Algorithm algorithm, boolean coldStart) {
}
