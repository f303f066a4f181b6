package dev.lodestone.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The bulk response of docs/api.md: one job, completed at once (every accepted item is committed). */
final class BulkResult {
    private BulkResult() {
    }

    static Map<String, Object> of(int total, int successful, List<Map<String, Object>> errors) {
        int failed = errors.size();
        var m = new LinkedHashMap<String, Object>();
        m.put("job_id", UUID.randomUUID().toString());
        m.put("status", failed == 0 ? "completed" : successful == 0 ? "failed" : "partially_completed");
        m.put("total_records", total);
        m.put("processed", total);
        m.put("successful", successful);
        m.put("failed", failed);
        if (!errors.isEmpty()) m.put("errors", errors);
        return m;
    }
}
