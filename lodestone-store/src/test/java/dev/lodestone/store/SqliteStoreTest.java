package dev.lodestone.store;

import dev.lodestone.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dataDir;

    @Override
    protected Store openStore() {
        return Stores.open(StoreConfig.sqlite(dataDir.resolve("nested/data")));
    }

    @Override
    protected void skipInteractionIds(long count) throws Exception {
        // The store's writer holds the write lock between transactions: go through it.
        ((JdbcStore) store).committer().submit("skip ids", c -> {
            try (var s = c.prepareStatement("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'interactions'")) {
                s.setLong(1, count);
                return s.executeUpdate();
            }
        });
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedNamingTheHolder() {
        assertThatThrownBy(this::openStore)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("another Lodestone (pid " + ProcessHandle.current().pid() + ") uses "
                        + dataDir.resolve("nested/data"));
        // the refused attempt left the holder working
        store.ensureTenant("still-mine", null);
        assertThat(store.tenant("still-mine")).isPresent();
    }

    @Test
    void closingReleasesTheDirectory() {
        store.close();
        store = openStore();
        assertThat(store.ping()).isTrue();
    }

    @Test
    void createsOneWalDatabaseFileInTheDataDirectory() throws Exception {
        Path file = dataDir.resolve("nested/data/lodestone.db");
        assertThat(Files.exists(file)).isTrue();
        assertThat(store.kind()).isEqualTo("sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet mode = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
