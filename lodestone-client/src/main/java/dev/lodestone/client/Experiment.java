package dev.lodestone.client;

import java.util.List;
import java.util.Map;

/** A/B results of one test ({@code GET /api/v1/experiments/{test_id}}); rates are null without trials. */
public record Experiment(String testId, String tenantId, String metric, String control, String test, Double alpha,
                         boolean significant, String leader, List<Variant> variants) {

    public record Variant(String variant, long impressions, long clicks, long conversions, long users, Double clickRate,
                          Double conversionRate, Double userClickRate, Map<String, Long> events, Double z, Double pValue,
                          Boolean significant) {
    }
}
