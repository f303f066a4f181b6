package dev.lodestone.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer of a bulk write, or the sum of several when a bulk helper sent its items in chunks ({@code jobId} is
 * then the last chunk's).
 */
public record BulkResult(String jobId, String status, int totalRecords, int processed, int successful, int failed,
                         List<BulkError> errors) {

    public BulkResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One refused item. */
    public record BulkError(String entityId, String entityType, String userId, String error) {
    }

    static BulkResult empty() {
        return new BulkResult(null, "completed", 0, 0, 0, 0, List.of());
    }

    BulkResult plus(BulkResult next) {
        var all = new ArrayList<>(errors);
        all.addAll(next.errors());
        int ok = successful + next.successful();
        int bad = failed + next.failed();
        String s = bad == 0 ? "completed" : ok == 0 ? "failed" : "partially_completed";
        return new BulkResult(next.jobId(), s, totalRecords + next.totalRecords(), processed + next.processed(), ok, bad, all);
    }
}
