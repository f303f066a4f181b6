package dev.lodestone.store;

import dev.lodestone.core.model.Interaction;

/** Outcome of one appended draft: the stored interaction, and whether this call stored it (false: replay). */
public record AppendResult(Interaction interaction, boolean created) {
}
