package dev.lodestone.server;

import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.StoreException;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantRowFeedTest {
    @TempDir
    Path dir;

    @Test
    void givesTheTenantsEntitiesThenItsInteractionsInStoreOrderAcrossBatches() {
        int interactions = TenantRowFeed.BATCH + 100;
        try (var store = Stores.open(StoreConfig.sqlite(dir.resolve("data")))) {
            store.ensureTenant("default", "Default tenant");
            store.ensureTenant("other", "Other tenant");
            Instant at = Instant.parse("2025-01-01T00:00:00Z");
            List<Entity> entities = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                entities.add(new Entity("default", "product", "p" + e, Map.of("title", "t" + e), null, false, null, null,
                        null, null));
            }
            entities.add(new Entity("other", "product", "elsewhere", Map.of(), null, false, null, null, null, null));
            store.upsertEntities(entities);
            List<InteractionDraft> drafts = new ArrayList<>();
            for (int i = 0; i < interactions; i++) {
                drafts.add(new InteractionDraft("default", "u" + (i % 7), "product", "p" + (i % 10), "view",
                        InteractionTypeForm.PLAIN, 1.0, null, Map.of("order_id", "o" + i), at.plusSeconds(i), null));
            }
            drafts.add(new InteractionDraft("other", "u", "product", "elsewhere", "view", InteractionTypeForm.PLAIN, 1.0,
                    null, Map.of(), at, null));
            store.appendInteractions(drafts);

            List<Object> kinds = new ArrayList<>();
            List<String> entityIds = new ArrayList<>();
            List<Interaction> read = new ArrayList<>();
            try (var feed = new TenantRowFeed(store, "default")) {
                for (var batch = feed.next(); !(batch instanceof TenantRowFeed.End); batch = feed.next()) {
                    kinds.add(batch.getClass().getSimpleName());
                    if (batch instanceof TenantRowFeed.Entities(var rows)) rows.forEach(e -> entityIds.add(e.entityId()));
                    if (batch instanceof TenantRowFeed.Interactions(var rows)) read.addAll(rows);
                }
            }

            assertThat(entityIds).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
            assertThat(kinds.indexOf("Interactions")).isGreaterThan(kinds.lastIndexOf("Entities"));
            assertThat(read).hasSize(interactions);
            assertThat(read).extracting(Interaction::tenantId).containsOnly("default");
            assertThat(read).extracting(Interaction::id).isSorted();
            assertThat(read.getFirst().metadata()).isEqualTo(Map.of("order_id", "o0"));
            assertThat(read.getLast().entityId()).isEqualTo("p" + ((interactions - 1) % 10));
        }
    }

    @Test
    void aFailureOfTheStoreIsThrownToTheLoadingThread() {
        var failure = new StoreException("database gone");
        Store store = fakeStore(sink -> {
            throw failure;
        }, new CountDownLatch(1));
        try (var feed = new TenantRowFeed(store, "default")) {
            assertThatThrownBy(feed::next).isSameAs(failure);
        }
    }

    @Test
    void closingStopsTheReaderInsteadOfLeavingItBlockedWithItsConnection() throws Exception {
        var readerLeft = new CountDownLatch(1);
        Store endless = fakeStore(sink -> {
            for (int n = 0; ; n++) {
                sink.accept(new Entity("default", "product", "p" + n, Map.of(), null, false, null, null, null, null));
            }
        }, readerLeft);
        var feed = new TenantRowFeed(endless, "default");
        assertThat(feed.next()).isInstanceOf(TenantRowFeed.Entities.class);
        feed.close();
        assertThat(readerLeft.await(10, TimeUnit.SECONDS)).as("the reader left the store's read").isTrue();
    }

    /** A store whose entity read is {@code entities} (counting down {@code left} when it ends); nothing else. */
    private static Store fakeStore(Consumer<Consumer<Entity>> entities, CountDownLatch left) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("forEachEntity")) throw new UnsupportedOperationException(method.getName());
                    try {
                        @SuppressWarnings("unchecked") var sink = (Consumer<Entity>) args[3];
                        entities.accept(sink);
                        return null;
                    } finally {
                        left.countDown();
                    }
                });
    }
}
