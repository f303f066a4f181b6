package dev.lodestone.server.ingest;

import dev.lodestone.core.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.core.model.InvalidInput;

import java.time.Instant;
import java.util.Map;

/**
 * A validated interaction body. {@code interaction_type} is a plain name or one of the old forms
 * {@code {"rating": 4.5}} and {@code {"custom": "share"}}.
 *
 * @param entityType null when the client left it out (resolved against the catalogue later)
 * @param weight     null when the client gave none (resolved through the registry later)
 * @param timestamp  null: now
 */
public record InteractionRequest(String userId, String entityId, String entityType, String interactionType,
                                 InteractionTypeForm typeForm, Double weight, Double value,
                                 Map<String, Object> metadata, Instant timestamp) {

    public static InteractionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) throw InvalidInput.field("body", "must be a JSON object");
        String user = JsonValues.requiredId(body, "user_id", Ids::idProblem);
        String entity = JsonValues.requiredId(body, "entity_id", Ids::idProblem);
        String type = JsonValues.optionalId(body, "entity_type", Ids::entityTypeProblem);
        Double value = JsonValues.optionalNumber(body, "value");
        Double weight = JsonValues.optionalNumber(body, "weight");

        JsonNode it = body.get("interaction_type");
        String name;
        InteractionTypeForm form;
        if (it == null || it.isNull()) {
            throw InvalidInput.field("interaction_type", "is required");
        } else if (it.isTextual()) {
            name = it.textValue();
            form = InteractionTypeForm.PLAIN;
        } else if (it.isObject() && it.size() == 1 && it.has("rating")) {
            value = JsonValues.boundedNumber(it.get("rating"), "interaction_type.rating");
            name = "rating";
            form = InteractionTypeForm.RATING_OBJECT;
        } else if (it.isObject() && it.size() == 1 && it.has("custom")) {
            JsonNode c = it.get("custom");
            if (!c.isTextual()) throw InvalidInput.field("interaction_type.custom", "must be a string");
            name = c.textValue();
            form = InteractionTypeForm.CUSTOM_OBJECT;
        } else {
            throw InvalidInput.field("interaction_type",
                    "must be a string such as \"view\", or {\"rating\": 4.5}, or {\"custom\": \"share\"}");
        }
        String problem = Ids.interactionTypeProblem(name);
        if (problem != null) throw InvalidInput.field("interaction_type", problem);

        var metadata = JsonValues.metadata(body.get("metadata"), "metadata");
        Instant timestamp = EntityRequest.instant(body, "timestamp");
        return new InteractionRequest(user, entity, type, name, form, weight, value, metadata, timestamp);
    }
}
