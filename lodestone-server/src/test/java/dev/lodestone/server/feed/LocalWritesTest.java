package dev.lodestone.server.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The marks of a node's own writes are claimed once by the feed, dropped once passed, and not kept when untailed. */
class LocalWritesTest {
    @Test
    void untailedNodesKeepNoMarks() {
        var local = new LocalWrites(false);
        for (long id = 1; id <= 5_000; id++) {
            try (var ticket = local.begin()) {
                local.interactionApplied(id);
                local.entityApplied("t", "product", "p" + id);
            }
        }
        assertThat(local.held()).isZero();
    }

    @Test
    void marksAreClaimedOnceAndPassedOnesDropped() {
        var local = new LocalWrites(true);
        for (long id = 1; id <= 10; id++) local.interactionApplied(id);
        local.entityApplied("t", "product", "p");
        local.entityApplied("t", "product", "p");
        assertThat(local.consumeInteraction(3)).isTrue();
        assertThat(local.consumeInteraction(3)).as("claimed once").isFalse();
        local.forgetInteractionsThrough(7);
        assertThat(local.consumeInteraction(5)).isFalse();
        assertThat(local.consumeInteraction(8)).isTrue();
        assertThat(local.consumeEntity("t", "product", "p")).isTrue();
        assertThat(local.consumeEntity("t", "product", "p")).isTrue();
        assertThat(local.consumeEntity("t", "product", "p")).isFalse();
        assertThat(local.held()).isEqualTo(2); // interactions 9 and 10
    }

    @Test
    void aTenantDeletedHereIsClaimedOnceAndIsNoEntity() {
        var local = new LocalWrites(true);
        local.tenantDeleted("t");
        assertThat(local.consumeEntity("t", "product", "")).isFalse();
        assertThat(local.consumeTenantDeletion("other")).isFalse();
        assertThat(local.consumeTenantDeletion("t")).isTrue();
        assertThat(local.consumeTenantDeletion("t")).as("claimed once: another node's later deletion is applied").isFalse();
        assertThat(local.held()).isZero();
    }
}
