package dev.lodestone.core.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an entity id names, the one rule of every route that takes one (entities, interactions, orders, similar items,
 * the storefront and the shop plugins). An id is unique per type, not per tenant, so the rule is given the types the
 * id exists with (from the store or the in-memory catalogue, whichever the caller reads):
 * <ul>
 *   <li>{@link #find strict} (the main API): with {@code entity_type}, that entity when it exists; without, the id's
 *       only type — an id with several types is {@code AMBIGUOUS_ENTITY} (its details list the types), never a
 *       guess;</li>
 *   <li>{@link #findProduct product-first} (the storefront and the shop plugins, which only know "products" and
 *       cannot send a type): with {@code entity_type}, as above; without, {@code product} when the id has it, else its
 *       first type in alphabetical order.</li>
 * </ul>
 * An id that names nothing is {@code ENTITY_NOT_FOUND} wherever the route needs it to exist.
 */
public final class EntityLookup {
    /** The type the shop plugins sync products as, and what an id without a type means on the storefront first. */
    public static final String PRODUCT_TYPE = "product";

    private EntityLookup() {
    }

    /**
     * The main API's rule.
     *
     * @param type      the requested type, or null when the request gave none
     * @param typesOfId the types the id exists with
     * @return the entity named, or empty when there is none
     * @throws InvalidInput {@code AMBIGUOUS_ENTITY} when no type is given and the id has several
     */
    public static Optional<EntityKey> find(String id, String type, List<String> typesOfId) {
        if (type != null) return typesOfId.contains(type) ? Optional.of(new EntityKey(type, id)) : Optional.empty();
        if (typesOfId.size() > 1) throw ambiguous(id, typesOfId);
        return typesOfId.isEmpty() ? Optional.empty() : Optional.of(new EntityKey(typesOfId.getFirst(), id));
    }

    /** {@link #find}, for routes whose entity must exist: {@code ENTITY_NOT_FOUND} otherwise. */
    public static EntityKey require(String id, String type, List<String> typesOfId) {
        return find(id, type, typesOfId).orElseThrow(() -> notFound(id));
    }

    /** The storefront's and the shop plugins' rule: never ambiguous; empty when the id names nothing. */
    public static Optional<EntityKey> findProduct(String id, String type, List<String> typesOfId) {
        if (type != null) return find(id, type, typesOfId);
        if (typesOfId.isEmpty()) return Optional.empty();
        List<String> sorted = typesOfId.stream().sorted().toList();
        return Optional.of(new EntityKey(sorted.contains(PRODUCT_TYPE) ? PRODUCT_TYPE : sorted.getFirst(), id));
    }

    /** 400 {@code AMBIGUOUS_ENTITY}: the same message and details on every route. */
    public static InvalidInput ambiguous(String id, List<String> types) {
        List<String> sorted = types.stream().sorted().toList();
        return InvalidInput.ambiguousEntity("entity " + id + " exists with types " + sorted + "; give entity_type",
                Map.of("entity_types", sorted));
    }

    /** 404 {@code ENTITY_NOT_FOUND}: the same message on every route. */
    public static InvalidInput notFound(String id) {
        return new InvalidInput(InvalidInput.ENTITY_NOT_FOUND, "entity " + id + " not found", null);
    }
}
