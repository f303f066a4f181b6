package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Writes generated records in docs/api.md's wire shape (the bodies of POST /entities and POST /interactions). */
public final class DatasetJson {
    private final DatasetSpec spec;

    public DatasetJson(DatasetSpec spec) {
        this.spec = spec;
    }

    public void writeEntity(JsonGenerator g, int entityIndex, Map<String, Object> attributes) throws IOException {
        g.writeStartObject();
        g.writeStringField("entity_id", spec.entityId(entityIndex));
        g.writeStringField("entity_type", spec.entityType());
        g.writeFieldName("attributes");
        g.writeObject(attributes);
        g.writeEndObject();
    }

    public void writeInteraction(JsonGenerator g, SyntheticInteraction i) throws IOException {
        g.writeStartObject();
        g.writeStringField("user_id", spec.userId(i.user));
        g.writeStringField("entity_id", spec.entityId(i.entity));
        g.writeStringField("entity_type", spec.entityType());
        g.writeStringField("interaction_type", i.kind.wireName());
        if (i.kind == InteractionKind.RATING) g.writeNumberField("value", i.rating);
        if (i.kind.needsExplicitWeight()) g.writeNumberField("weight", i.kind.defaultWeight());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("session_id", "s" + i.session);
        g.writeEndObject();
        g.writeStringField("timestamp", Instant.ofEpochSecond(i.epochSecond).toString());
        g.writeEndObject();
    }

    /**
     * A basket as a shop plugin posts its order to {@code POST /api/v1/interactions}: one purchase per item, the order
     * id the same as in {@code baskets.csv} (so a second load of the same seed is answered as a replay, not counted).
     */
    public void writeOrder(JsonGenerator g, BasketGenerator.Basket basket) throws IOException {
        g.writeStartObject();
        g.writeStringField("user_id", spec.userId(basket.user()));
        g.writeStringField("order_id", BasketGenerator.orderId(basket));
        g.writeArrayFieldStart("items");
        for (int item : basket.items()) {
            g.writeStartObject();
            g.writeStringField("entity_id", spec.entityId(item));
            g.writeNumberField("quantity", 1);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("timestamp", Instant.ofEpochSecond(basket.epochSecond()).toString());
        g.writeEndObject();
    }
}
