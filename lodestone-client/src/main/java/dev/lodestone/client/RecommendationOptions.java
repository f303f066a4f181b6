package dev.lodestone.client;

import java.util.List;

/**
 * Query options of the recommendation reads; null means the server's default. Not every option applies to every
 * read (e.g. {@code excludeSeen} is for users, {@code targetType} for similar entities, {@code windowDays} for
 * trending). Build with {@link #DEFAULT} and the {@code with} methods.
 */
public record RecommendationOptions(Integer count, Integer offset, String algorithm, Double collaborativeWeight,
                                    Double contentWeight, String entityType, String targetType, String filter,
                                    List<String> exclude, Boolean excludeSeen, Boolean includeAttributes, Double diversity,
                                    Double windowDays) {
    public static final RecommendationOptions DEFAULT =
            new RecommendationOptions(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public RecommendationOptions withCount(int n) {
        return new RecommendationOptions(n, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withOffset(int n) {
        return new RecommendationOptions(count, n, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    /** {@code hybrid}, {@code collaborative}, {@code item_knn}, {@code user_knn}, {@code content_based}, {@code popular}, {@code trending}. */
    public RecommendationOptions withAlgorithm(String a) {
        return new RecommendationOptions(count, offset, a, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    /** Blend weights (0..1, summing to 1). */
    public RecommendationOptions withWeights(double collaborative, double content) {
        return new RecommendationOptions(count, offset, algorithm, collaborative, content, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withEntityType(String t) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, t, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withTargetType(String t) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, t, filter, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    /** An attribute filter, e.g. {@code category == "shoes" and price < 100}. */
    public RecommendationOptions withFilter(String f) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, f, exclude, excludeSeen, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withExclude(List<String> ids) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, List.copyOf(ids), excludeSeen, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withExcludeSeen(boolean b) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, b, includeAttributes, diversity, windowDays);
    }

    public RecommendationOptions withAttributes() {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, true, diversity, windowDays);
    }

    public RecommendationOptions withDiversity(double d) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, d, windowDays);
    }

    public RecommendationOptions withWindowDays(double d) {
        return new RecommendationOptions(count, offset, algorithm, collaborativeWeight, contentWeight, entityType, targetType, filter, exclude, excludeSeen, includeAttributes, diversity, d);
    }

    java.util.Map<String, Object> query() {
        var q = new java.util.LinkedHashMap<String, Object>();
        q.put("count", count);
        q.put("offset", offset);
        q.put("algorithm", algorithm);
        q.put("collaborative_weight", collaborativeWeight);
        q.put("content_weight", contentWeight);
        q.put("entity_type", entityType);
        q.put("target_type", targetType);
        q.put("filter", filter);
        q.put("exclude", exclude == null ? null : String.join(",", exclude));
        q.put("exclude_seen", excludeSeen);
        q.put("include_attributes", includeAttributes);
        q.put("diversity", diversity);
        q.put("window_days", windowDays);
        return q;
    }
}
