package dev.lodestone.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityLookupTest {

    @Test
    void aGivenTypeNamesThatEntityWhenItExists() {
        assertThat(EntityLookup.find("p1", "book", List.of("book", "film"))).contains(new EntityKey("book", "p1"));
        assertThat(EntityLookup.find("p1", "toy", List.of("book", "film"))).isEmpty();
        assertThat(EntityLookup.findProduct("p1", "film", List.of("film", "product"))).contains(new EntityKey("film", "p1"));
    }

    @Test
    void withoutATypeTheIdsOnlyTypeIsMeant() {
        assertThat(EntityLookup.find("p1", null, List.of("book"))).contains(new EntityKey("book", "p1"));
        assertThat(EntityLookup.find("p1", null, List.of())).isEmpty();
    }

    @Test
    void anIdWithSeveralTypesAndNoTypeIsAmbiguousNeverAGuess() {
        assertThatThrownBy(() -> EntityLookup.find("p1", null, List.of("film", "book")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.code()).isEqualTo(InvalidInput.AMBIGUOUS_ENTITY);
                    assertThat(e.getMessage()).isEqualTo("entity p1 exists with types [book, film]; give entity_type");
                    assertThat(e.details()).isEqualTo(Map.of("entity_types", List.of("book", "film")));
                });
        // the error is the same whichever list order the caller read
        assertThat(EntityLookup.ambiguous("p1", List.of("book", "film")).getMessage())
                .isEqualTo(EntityLookup.ambiguous("p1", List.of("film", "book")).getMessage());
    }

    @Test
    void requireTurnsNothingIntoEntityNotFound() {
        assertThat(EntityLookup.require("p1", null, List.of("book"))).isEqualTo(new EntityKey("book", "p1"));
        assertThatThrownBy(() -> EntityLookup.require("gone", null, List.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.code()).isEqualTo(InvalidInput.ENTITY_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("entity gone not found");
                });
        assertThatThrownBy(() -> EntityLookup.require("p1", "toy", List.of("book")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo(InvalidInput.ENTITY_NOT_FOUND));
    }

    @Test
    void theStorefrontPrefersProductsThenTheFirstTypeAndIsNeverAmbiguous() {
        assertThat(EntityLookup.findProduct("42", null, List.of("category", "product"))).contains(new EntityKey("product", "42"));
        assertThat(EntityLookup.findProduct("42", null, List.of("film", "book"))).contains(new EntityKey("book", "42"));
        assertThat(EntityLookup.findProduct("42", null, List.of("book"))).contains(new EntityKey("book", "42"));
        assertThat(EntityLookup.findProduct("42", null, List.of())).isEmpty();
    }
}
