package dev.lodestone.core.eval;

import dev.lodestone.core.model.Interaction;

import java.util.List;

/** Interactions divided into a training part and a held-out test part. */
public record Split(List<Interaction> train, List<Interaction> test) {
}
