package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.rank.ScoreBoard;

import java.util.ArrayList;
import java.util.List;

/**
 * The reusable working memory of one request: score boards (taken in turn, all cleared at the end) and the
 * accumulators of a neighbour-row computation. The model pools a few; one is used by one request at a time.
 */
final class RequestScratch {
    final ItemNeighbours.Scratch rows = new ItemNeighbours.Scratch();
    private final List<ScoreBoard> boards = new ArrayList<>();
    private int used;
    private float[] learned = new float[0];
    private float[] selection = new float[0];

    /** An empty board, this request's until {@link #release}. */
    ScoreBoard board() {
        if (used == boards.size()) boards.add(new ScoreBoard());
        return boards.get(used++);
    }

    /** A zeroed accumulator of at least {@code size} floats for the learned model's fold-in. */
    float[] learned(int size) {
        if (learned.length < size) learned = new float[size];
        else java.util.Arrays.fill(learned, 0, size, 0f);
        return learned;
    }

    /** Room for {@code size} floats to select from (contents undefined). */
    float[] selection(int size) {
        if (selection.length < size) selection = new float[size];
        return selection;
    }

    void release() {
        for (int k = 0; k < used; k++) boards.get(k).clear();
        used = 0;
    }
}
