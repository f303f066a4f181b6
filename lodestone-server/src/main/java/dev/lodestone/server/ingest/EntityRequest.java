package dev.lodestone.server.ingest;

import dev.lodestone.core.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.InvalidInput;
import dev.lodestone.core.model.Timestamps;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A validated entity body: {@code {entity_id, entity_type, attributes, vector?, hidden?, available_from?,
 * expires_at?}} (create and bulk) or {@code {attributes, vector?, ...}} (replace).
 */
public record EntityRequest(String entityType, String entityId, Map<String, Object> attributes, float[] vector,
                            boolean hidden, Instant availableFrom, Instant expiresAt) {

    /** Body of POST /entities and of each bulk item. */
    public static EntityRequest create(JsonNode body) {
        requireObject(body);
        String id = JsonValues.requiredId(body, "entity_id", Ids::idProblem);
        String type = JsonValues.requiredId(body, "entity_type", Ids::entityTypeProblem);
        return withKey(body, type, id);
    }

    /** Body of PUT /entities/{id}; the key comes from the path. */
    public static EntityRequest replace(JsonNode body, String type, String id) {
        requireObject(body);
        if (body.hasNonNull("entity_id") && !body.get("entity_id").asText().equals(id)) {
            throw InvalidInput.field("entity_id", "differs from the id in the path");
        }
        return withKey(body, type, id);
    }

    private static EntityRequest withKey(JsonNode body, String type, String id) {
        var attributes = JsonValues.attributes(body.get("attributes"), "attributes");
        float[] vector = JsonValues.vector(body.get("vector"), "vector");
        boolean hidden = false;
        JsonNode h = body.get("hidden");
        if (h != null && !h.isNull()) {
            if (!h.isBoolean()) throw InvalidInput.field("hidden", "must be true or false");
            hidden = h.booleanValue();
        }
        Instant from = instant(body, "available_from");
        Instant expires = instant(body, "expires_at");
        return new EntityRequest(type, id, attributes, vector, hidden, from, expires);
    }

    public Entity toEntity(String tenantId, Instant now) {
        return new Entity(tenantId, entityType, entityId, attributes, vector, hidden, availableFrom, expiresAt, now, now);
    }

    /**
     * A JSON integer timestamp, as browsers (Date.now(): milliseconds) and PHP plugins (time(): seconds) send them:
     * milliseconds from 10^11 on (March 1973 in milliseconds, year 5138 in seconds), else seconds.
     */
    private static Instant epoch(long value, String field) {
        if (value < 0 || value > 253_402_300_799_999L) throw InvalidInput.field(field, "is out of range");
        return value >= 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw InvalidInput.field("body", "must be a JSON object");
    }

    static Instant instant(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber() && v.canConvertToLong()) return epoch(v.longValue(), field);
        if (!v.isTextual()) throw InvalidInput.field(field, "must be an RFC 3339 timestamp string or epoch milliseconds");
        try {
            return Timestamps.parse(v.textValue());
        } catch (DateTimeParseException e) {
            throw InvalidInput.field(field, "must be an RFC 3339 timestamp such as 2025-10-20T10:00:00Z");
        }
    }
}
