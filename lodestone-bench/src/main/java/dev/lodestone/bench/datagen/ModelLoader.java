package dev.lodestone.bench.datagen;

import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;

import java.time.Instant;
import java.util.Map;

/** Feeds a generated tenant straight into an in-process engine model (for JMH and tests; no files, no server). */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static void load(DatasetGenerator generator, TenantModel model) {
        var spec = generator.spec();
        Instant created = spec.start();
        generator.entities((e, attributes) -> model.upsertEntity(new Entity(model.tenantId(), spec.entityType(), spec.entityId(e),
                attributes, null, false, null, null, created, created)));
        long[] id = {0};
        generator.interactions(i -> model.addInteraction(new Interaction(++id[0], model.tenantId(), spec.userId(i.user),
                spec.entityType(), spec.entityId(i.entity), i.kind.wireName(),
                InteractionTypeForm.PLAIN, i.weight(),
                i.kind == InteractionKind.RATING ? i.rating : null, Map.of(), Instant.ofEpochSecond(i.epochSecond))));
    }

    /** The instant just after the generated interactions, a sensible "now" for a model clock. */
    public static Instant end(DatasetSpec spec) {
        return spec.start().plusSeconds(spec.days() * 86_400L);
    }
}
