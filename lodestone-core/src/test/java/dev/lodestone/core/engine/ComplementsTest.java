package dev.lodestone.core.engine;

import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lodestone.core.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** "Bought together": orders and sessions make baskets; popularity is corrected; fallbacks; bundles. */
class ComplementsTest {
    private static final AtomicLong IDS = new AtomicLong(1_000_000);
    private TenantModel model;

    @BeforeEach
    void setUp() {
        model = model();
        for (String id : List.of("phone", "phone2")) model.upsertEntity(item(id, Map.of("category", "phones", "brand", "acme")));
        model.upsertEntity(item("case", Map.of("category", "cases")));
        model.upsertEntity(item("charger", Map.of("category", "chargers")));
        model.upsertEntity(item("socks", Map.of("category", "socks")));
        for (int k = 0; k < 12; k++) model.upsertEntity(item("misc" + k, Map.of("category", "misc" + k)));
    }

    static Interaction event(String user, String item, String type, String order, Instant at) {
        return new Interaction(IDS.incrementAndGet(), "t", user, "item", item, type, InteractionTypeForm.PLAIN,
                type.equals("purchase") ? 5 : 1, null, order == null ? Map.of() : Map.of("order_id", order), at);
    }

    private void order(String user, String order, String... items) {
        for (String i : items) model.addInteraction(event(user, i, "purchase", order, NOW.minusSeconds(3600)));
    }

    private static ComplementQuery of(int count, String... basket) {
        return new ComplementQuery(java.util.Arrays.stream(basket).map(id -> new EntityKey("item", id)).toList(), count, 0,
                null, null, Set.of());
    }

    /** The best-seller is in every order; phone2 is viewed with phone (a substitute) but never bought with it. */
    private void shop() {
        for (int u = 0; u < 6; u++) order("u" + u, "o" + u, "phone", "case", "socks");
        for (int u = 6; u < 9; u++) order("u" + u, "o" + u, "phone", "charger", "socks");
        for (int u = 9; u < 21; u++) order("u" + u, "o" + u, "socks", "misc" + (u - 9));
        for (int u = 0; u < 60; u++) {
            model.addInteraction(event("viewer" + u, "phone", "view", null, NOW.minusSeconds(7200)));
            model.addInteraction(event("viewer" + u, "phone2", "view", null, NOW.minusSeconds(7100)));
        }
    }

    @Test
    void complementsAreWhatIsBoughtWithItNotBestSellersOrSubstitutes() {
        shop();
        var list = model.complements(of(3, "phone"));
        assertThat(ids(list).subList(0, 2)).containsExactly("case", "charger");
        assertThat(list.get(0).reason()).isEqualTo(BoughtTogetherSource.REASON);
        assertThat(ids(list)).doesNotContain("phone");
        // item-kNN (co-viewing) puts the substitute first; complements do not
        assertThat(ids(model.similar(similar("phone", 1, Algorithm.ITEM_KNN)).orElseThrow())).containsExactly("phone2");
        assertThat(ids(list).indexOf("phone2")).isNotIn(0, 1);
        // scores descend and stay in (0, 1]
        for (int k = 1; k < list.size(); k++) assertThat(list.get(k).score()).isLessThanOrEqualTo(list.get(k - 1).score());
        assertThat(list).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
    }

    @Test
    void bestSellerInEveryBasketIsNotAComplement() {
        shop();
        var list = model.complements(of(10, "case"));
        assertThat(ids(list).getFirst()).isEqualTo("phone");
        // socks share all six baskets with case, as phone does, but are in every basket: no association
        var socks = list.stream().filter(r -> r.entityId().equals("socks")).findFirst();
        socks.ifPresent(r -> assertThat(r.reason()).isNotEqualTo(BoughtTogetherSource.REASON));
    }

    @Test
    void shrinkagePrefersRepeatedEvidenceOverOneCoincidence() {
        for (int u = 0; u < 5; u++) order("a" + u, "x" + u, "misc0", "misc1");
        order("b", "y", "misc0", "misc2"); // one shared basket only
        for (int u = 0; u < 10; u++) order("c" + u, "z" + u, "misc" + (3 + u % 8));
        assertThat(ids(model.complements(of(2, "misc0")))).containsExactly("misc1", "misc2");
    }

    @Test
    void sessionsWithoutOrderIdsAreTimeWindowsPerUser() {
        model.addInteraction(event("s", "misc0", "add_to_cart", null, NOW.minusSeconds(7200)));
        model.addInteraction(event("s", "misc1", "add_to_cart", null, NOW.minusSeconds(7200 - 600)));
        // two hours later: a new session
        model.addInteraction(event("s", "misc2", "add_to_cart", null, NOW.minusSeconds(10)));
        // another user's cart at the same time is another basket
        model.addInteraction(event("t", "misc3", "add_to_cart", null, NOW.minusSeconds(7200)));
        // other shoppers' one-product baskets: the base rate of a product is its share of all baskets
        for (int u = 0; u < 10; u++) model.addInteraction(event("o" + u, "misc" + (5 + u % 5), "purchase", null, NOW.minusSeconds(9000)));
        var list = model.complements(of(1, "misc0"));
        assertThat(ids(list)).containsExactly("misc1");
        assertThat(list.getFirst().reason()).isEqualTo(BoughtTogetherSource.REASON);
        // views are not basket events
        model.addInteraction(event("s", "misc4", "view", null, NOW.minusSeconds(7200 - 300)));
        assertThat(model.complements(of(5, "misc0")).stream()
                .filter(r -> r.reason().equals(BoughtTogetherSource.REASON)).map(Recommendation::entityId))
                .containsExactly("misc1");
    }

    @Test
    void thinDataFallsBackToCoInteractionThenContentThenPopular() {
        shop();
        // phone2 was never bought: its list starts with what is viewed with it, then what looks like it
        var list = model.complements(of(4, "phone2"));
        assertThat(list.getFirst().entityId()).isEqualTo("phone");
        assertThat(list.getFirst().reason()).isEqualTo(Ranker.COLLABORATIVE);
        assertThat(list).hasSize(4);
        assertThat(list.subList(1, 4)).allSatisfy(r -> assertThat(r.reason()).isIn(Ranker.CONTENT, Ranker.POPULAR, Ranker.LATEST));
        // an unknown product still gets a list (the popular fill)
        assertThat(model.complements(of(3, "nope"))).hasSize(3);
    }

    @Test
    void bundleCombinesItsItemsComplementsAndExcludesTheBasket() {
        shop();
        order("w", "ow", "case", "misc11");
        var bundle = model.complements(of(3, "phone", "case"));
        assertThat(ids(bundle)).doesNotContain("phone", "case");
        // charger goes with phone, misc11 with case: both come before anything only popular
        assertThat(ids(bundle).subList(0, 2)).containsExactlyInAnyOrder("charger", "misc11");
    }

    @Test
    void complementsFollowWritesAtOnce() {
        shop();
        assertThat(ids(model.complements(of(1, "misc5")))).doesNotContain("misc6");
        for (int u = 0; u < 3; u++) order("late" + u, "late" + u, "misc5", "misc6");
        assertThat(ids(model.complements(of(1, "misc5")))).containsExactly("misc6");
    }
}
