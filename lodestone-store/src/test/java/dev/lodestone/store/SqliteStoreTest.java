package dev.lodestone.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dataDir;

    @Override
    protected Store openStore() {
        return Stores.open(StoreConfig.sqlite(dataDir.resolve("nested/data")));
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
