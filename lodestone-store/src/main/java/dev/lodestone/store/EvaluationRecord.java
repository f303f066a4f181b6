package dev.lodestone.store;

import dev.lodestone.core.eval.EvaluationResult;

import java.time.Instant;
import java.util.List;

/**
 * A finished offline evaluation of one tenant: what it was run on and each algorithm's metrics at {@code k}.
 *
 * @param interactions how many of the tenant's most recent interactions it read
 */
public record EvaluationRecord(String tenantId, String evaluationId, int k, int interactions, Instant startedAt,
                               Instant finishedAt, List<EvaluationResult> results) {
    public EvaluationRecord {
        results = List.copyOf(results);
    }
}
