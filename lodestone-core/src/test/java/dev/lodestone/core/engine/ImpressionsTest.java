package dev.lodestone.core.engine;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lodestone.core.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Impressions (a widget showing a product) are no preference: they move neither popularity nor a user's history. */
class ImpressionsTest {
    @Test
    void impressionsDoNotMakeProductsPopularOrUsersKnown() {
        TenantModel model = model();
        model.upsertEntity(item("shown", Map.of("category", "a")));
        model.upsertEntity(item("chosen", Map.of("category", "b")));
        for (int u = 0; u < 50; u++) {
            model.addInteraction(new Interaction(9_000 + u, "t", "u" + u, "item", "shown", "impression",
                    InteractionTypeForm.PLAIN, 1, null, Map.of(), NOW.minusSeconds(60)));
        }
        model.addInteraction(interaction("v", "chosen", 1));
        assertThat(ids(model.popular(new ListQuery(1, 0, null, null, 0)))).containsExactly("chosen");
        assertThat(model.interactionCount()).isEqualTo(1);
        // a shopper who was only shown products is still a new shopper
        assertThat(model.recommend(user("u1", 2)).coldStart()).isTrue();
        assertThat(ids(model.recommend(user("u1", 2)))).contains("shown");
    }
}
