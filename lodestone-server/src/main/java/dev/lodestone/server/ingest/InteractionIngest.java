package dev.lodestone.server.ingest;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.EntityLookup;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.store.AppendResult;
import dev.lodestone.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The interaction write path: resolve entity type and weight, commit to the store (group-committed), then apply
 * to the tenant's in-memory model before the client gets its answer.
 */
public final class InteractionIngest {
    /** Stored for interactions with an entity that is not in the catalogue and whose type the client omitted. */
    public static final String UNKNOWN_ENTITY_TYPE = "item";

    private final Store store;
    private final Engine engine;
    private final InteractionWeights weights;
    private final LocalWrites local;
    private final KnownTenants tenants;
    private final Consumer<List<Interaction>> applied;

    /** @param applied told the interactions each write applied to the model (live activity) */
    public InteractionIngest(Store store, Engine engine, InteractionWeights weights, LocalWrites local,
                             KnownTenants tenants, Consumer<List<Interaction>> applied) {
        this.store = store;
        this.engine = engine;
        this.weights = weights;
        this.local = local;
        this.tenants = tenants;
        this.applied = applied;
    }

    /** @param entityKnown whether the entity was in the catalogue when the interaction was written */
    public record Written(AppendResult result, boolean entityKnown) {
    }

    /** Resolves one request into a draft; throws the request's 4xx. */
    public Resolved resolve(String tenantId, InteractionRequest r, String idempotencyKey) {
        var model = engine.tenant(tenantId);
        // an interaction may name an entity not in the catalogue (yet): it is stored with the type given, or "item"
        var found = EntityLookup.find(r.entityId(), r.entityType(), model.entityTypesOf(r.entityId()));
        boolean known = found.isPresent();
        String type = found.map(EntityKey::type).orElse(r.entityType() != null ? r.entityType() : UNKNOWN_ENTITY_TYPE);
        double weight = weights.resolve(tenantId, r.interactionType(), r.weight(), r.value());
        var draft = new InteractionDraft(tenantId, r.userId(), type, r.entityId(), r.interactionType(), r.typeForm(),
                weight, r.value(), r.metadata(), r.timestamp() != null ? r.timestamp() : Timestamps.now(), idempotencyKey);
        return new Resolved(draft, known);
    }

    public record Resolved(InteractionDraft draft, boolean entityKnown) {
    }

    /** Commits the resolved drafts in one store call and applies the new ones to the model. */
    public List<Written> write(String tenantId, List<Resolved> resolved) {
        if (resolved.isEmpty()) return List.of();
        tenants.ensure(tenantId);
        List<InteractionDraft> drafts = new ArrayList<>(resolved.size());
        for (Resolved r : resolved) drafts.add(r.draft());
        try (var ticket = local.begin()) {
            List<AppendResult> results = store.appendInteractions(drafts);
            List<Written> out = new ArrayList<>(results.size());
            List<Interaction> created = new ArrayList<>(results.size());
            for (int i = 0; i < results.size(); i++) {
                AppendResult result = results.get(i);
                if (result.created()) {
                    local.interactionApplied(result.interaction().id());
                    created.add(result.interaction());
                }
                out.add(new Written(result, resolved.get(i).entityKnown()));
            }
            // One lock acquisition for a whole bulk request.
            engine.tenant(tenantId).addInteractions(created);
            applied.accept(created);
            return out;
        }
    }
}
