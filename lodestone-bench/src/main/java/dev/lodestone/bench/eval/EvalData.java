package dev.lodestone.bench.eval;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;

import java.util.List;

/**
 * What an offline evaluation runs on.
 *
 * @param entities the catalogue; entities only named by interactions get an entity with no real attributes
 */
public record EvalData(List<Interaction> interactions, List<Entity> entities) {
}
