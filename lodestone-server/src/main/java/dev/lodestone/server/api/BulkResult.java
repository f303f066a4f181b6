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

    static com.fasterxml.jackson.databind.JsonNode items(com.fasterxml.jackson.databind.JsonNode body, String field) {
        if (body == null || !body.isObject()) throw dev.lodestone.server.http.ApiException.invalidField("body", "must be a JSON object");
        var items = body.get(field);
        if (items == null || !items.isArray()) throw dev.lodestone.server.http.ApiException.invalidField(field, "must be an array");
        if (items.size() > Limits.MAX_BULK_ITEMS) {
            throw new dev.lodestone.server.http.ApiException(413, "PAYLOAD_TOO_LARGE",
                    field + " has " + items.size() + " items; at most " + Limits.MAX_BULK_ITEMS + " per request");
        }
        return items;
    }
}
