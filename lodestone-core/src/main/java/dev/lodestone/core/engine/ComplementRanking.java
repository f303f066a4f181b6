package dev.lodestone.core.engine;

import dev.lodestone.core.engine.basket.BasketCounts;
import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.engine.rank.ScoreBoard;
import dev.lodestone.core.engine.rank.TopK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Complements of a basket, in tiers: what was bought together with the basket's items ({@link BasketCounts#score},
 * popularity-corrected and shrunk), then — where such evidence runs out — what is co-interacted with them (item-kNN
 * rows), then what resembles them (content neighbour rows), then the popular/newest fill. Each basket item's scores are
 * divided by that item's best score before they are summed, so every item of a basket gets its say and an entity
 * going with several basket items ranks first. Within a tier the summed score orders; a lower tier never outranks a
 * higher one, because weaker-kind evidence (viewed together, looks alike) is what substitutes share, not complements.
 * Used under the model's read lock.
 */
final class ComplementRanking {
    static final String BOUGHT_TOGETHER = "bought_together";

    private final EntityCatalog catalog;
    private final InteractionMatrix matrix;
    private final ItemNeighbours neighbours;
    private final ContentIndex content;
    private final ContentNeighbours contentNeighbours;
    private final BasketCounts baskets;
    private final Ranker ranker;
    private final Instant now;
    private final RequestScratch scratch;

    ComplementRanking(EntityCatalog catalog, InteractionMatrix matrix, ItemNeighbours neighbours, ContentIndex content,
                      ContentNeighbours contentNeighbours, BasketCounts baskets, Ranker ranker, Instant now,
                      RequestScratch scratch) {
        this.catalog = catalog;
        this.matrix = matrix;
        this.neighbours = neighbours;
        this.content = content;
        this.contentNeighbours = contentNeighbours;
        this.baskets = baskets;
        this.ranker = ranker;
        this.now = now;
        this.scratch = scratch;
    }

    List<Recommendation> rank(ComplementQuery q) {
        Eligibility eligibility = new Eligibility(catalog, now, q.entityType(), q.filter(), q.exclude(), scratch.board());
        var basket = new it.unimi.dsi.fastutil.ints.IntArrayList();
        for (var key : q.basket()) {
            int i = catalog.indexOf(key);
            if (i >= 0 && !basket.contains(i)) basket.add(i);
        }
        for (int i : basket) eligibility.exclude(i);
        ScoreBoard one = scratch.board();
        ScoreBoard bought = scratch.board();
        ScoreBoard coInteracted = scratch.board();
        ScoreBoard alike = scratch.board();
        for (int item : basket) {
            baskets.forEachPartner(item, (partner, together) -> {
                double s = baskets.score(item, partner, together);
                if (s > 0) one.put(partner, (float) s);
            });
            addNormalised(one, bought);

            ItemNeighbours.Row row = neighbours.row(matrix, item, scratch.rows);
            for (int t = 0; t < row.size(); t++) if (row.similarities()[t] > 0) one.put(row.items()[t], row.similarities()[t]);
            addNormalised(one, coInteracted);

            if (content.has(item)) {
                for (int c : contentNeighbours.row(content, item, catalog::compareKeys)) {
                    if (!content.has(c)) continue;
                    float s = content.similarity(item, c);
                    if (s > 0) one.put(c, s);
                }
            }
            addNormalised(one, alike);
        }
        int need = q.offset() + q.count();
        TopK top = new TopK(need, catalog::compareKeys);
        // tier t's scores lie in (t, t + 1]: a lower tier never outranks a higher one
        ScoreBoard[] tiers = {alike, coInteracted, bought};
        String[] reasons = {Ranker.CONTENT, Ranker.COLLABORATIVE, BOUGHT_TOGETHER};
        for (int t = tiers.length - 1; t >= 0; t--) {
            ScoreBoard board = tiers[t];
            double max = board.max();
            for (int k = 0; k < board.size(); k++) {
                int c = board.index(k);
                if (inHigherTier(tiers, t, c)) continue;
                double score = t + board.value(k) / max;
                if (board.value(k) <= 0 || !top.wouldAccept(score) || !eligibility.test(c)) continue;
                top.offer(c, score);
            }
        }
        int[] ranked = top.indexesByScore();
        double[] scores = top.scoresByScore();
        List<Recommendation> out = new ArrayList<>(need);
        for (int k = 0; k < ranked.length; k++) {
            int c = ranked[k];
            int tier = (int) Math.min(tiers.length - 1, Math.ceil(scores[k]) - 1);
            // reported in (0, 1]: the tiered score divided by the number of tiers
            out.add(ranker.recommendation(c, Math.rint(scores[k] / tiers.length * 1e6) / 1e6, reasons[tier]));
            eligibility.choose(c);
        }
        if (out.size() < need) ranker.appendFill(out, eligibility, need);
        return Ranker.page(out, q.offset(), q.count());
    }

    private static boolean inHigherTier(ScoreBoard[] tiers, int t, int c) {
        for (int h = t + 1; h < tiers.length; h++) if (tiers[h].contains(c)) return true;
        return false;
    }

    /** Adds {@code from}'s scores divided by its best into {@code into}, then empties {@code from}. */
    private static void addNormalised(ScoreBoard from, ScoreBoard into) {
        float max = from.max();
        if (max > 0) {
            for (int k = 0; k < from.size(); k++) {
                if (from.value(k) > 0) into.add(from.index(k), from.value(k) / max);
            }
        }
        from.clear();
    }
}
