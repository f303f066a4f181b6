package dev.lodestone.server.export;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.server.http.Json;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.server.ingest.EntityJson;
import dev.lodestone.server.ingest.InteractionJson;
import dev.lodestone.store.UserSummary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exported tables. JSON rows are the API's wire forms; CSV holds attributes and metadata as JSON text. */
public final class ExportTables {
    private ExportTables() {
    }

    public static final ExportTable<Entity> ENTITIES = new ExportTable<>("entities",
            List.of("tenant_id", "entity_type", "entity_id", "attributes", "hidden", "available_from", "expires_at",
                    "created_at", "updated_at"),
            e -> EntityJson.of(e, false),
            e -> Arrays.asList(e.tenantId(), e.entityType(), e.entityId(), json(e.attributes()), Boolean.toString(e.hidden()),
                    time(e.availableFrom()), time(e.expiresAt()), time(e.createdAt()), time(e.updatedAt())));

    public static final ExportTable<Interaction> INTERACTIONS = new ExportTable<>("interactions",
            List.of("id", "tenant_id", "user_id", "entity_type", "entity_id", "interaction_type", "weight", "value",
                    "metadata", "timestamp"),
            InteractionJson::of,
            i -> Arrays.asList(Long.toString(i.id()), i.tenantId(), i.userId(), i.entityType(), i.entityId(),
                    i.interactionType(), Double.toString(i.weight()), i.value() == null ? null : Double.toString(i.value()),
                    i.metadata() == null || i.metadata().isEmpty() ? null : json(i.metadata()), time(i.timestamp())));

    public static final ExportTable<UserSummary> USERS = new ExportTable<>("users",
            List.of("tenant_id", "user_id", "interactions", "first_seen", "last_seen"),
            ExportTables::userJson,
            u -> Arrays.asList(u.tenantId(), u.userId(), Long.toString(u.interactions()), time(u.firstSeen()), time(u.lastSeen())));

    private static Map<String, Object> userJson(UserSummary u) {
        var m = new LinkedHashMap<String, Object>();
        m.put("user_id", u.userId());
        m.put("tenant_id", u.tenantId());
        m.put("interactions", u.interactions());
        if (u.firstSeen() != null) m.put("first_seen", Timestamps.format(u.firstSeen()));
        if (u.lastSeen() != null) m.put("last_seen", Timestamps.format(u.lastSeen()));
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : Timestamps.format(t);
    }

    private static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }
}
