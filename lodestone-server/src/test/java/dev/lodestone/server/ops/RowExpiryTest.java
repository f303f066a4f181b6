package dev.lodestone.server.ops;

import dev.lodestone.core.model.Tenant;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.server.BackgroundExecutors;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The change feed's expiry deletes changes older than its retention, on its schedule. */
class RowExpiryTest {
    @Test
    void prunesOldChanges(@TempDir Path dir) throws Exception {
        try (var store = Stores.open(StoreConfig.sqlite(dir))) {
            for (String t : new String[] {"a", "b", "c"}) store.createTenant(new Tenant(t, null, Instant.now()));
            assertThat(store.changesAfter(0, 100)).hasSize(3);
            long last = store.lastChangeSequence();
            // A clock a week ahead makes every change older than the one-day retention.
            var future = Clock.fixed(Instant.now().plus(Duration.ofDays(7)), ZoneOffset.UTC);
            try (var executors = new BackgroundExecutors();
                 var pruner = new RowExpiry("change-feed entries", store::pruneChanges, store::available, future, Duration.ofDays(1),
                         Duration.ofMillis(20), Duration.ofMillis(20), executors.maintenance())) {
                pruner.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (store.changesAfter(0, 100).size() > 1 && System.nanoTime() < deadline) Thread.sleep(20);
            }
            // The newest change is kept, so the feed's position stays known.
            assertThat(store.changesAfter(0, 100)).singleElement().satisfies(c -> assertThat(c.sequence()).isEqualTo(last));
        }
    }
}
