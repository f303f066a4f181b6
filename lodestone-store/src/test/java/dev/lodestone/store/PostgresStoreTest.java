package dev.lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract against the real PostgreSQL, in a schema of its own that is dropped afterwards. */
class PostgresStoreTest extends StoreContractTest {
    private static final String URL = "postgresql://postgres@127.0.0.1:5432/test";
    private static final String SCHEMA = "lodestone_test_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected Store openStore() {
        return Stores.open(StoreConfig.postgresql(URL).withSchema(SCHEMA));
    }

    @Override
    protected void skipInteractionIds(long count) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             var s = c.prepareStatement("SELECT setval('" + SCHEMA + ".interaction_ids', nextval('" + SCHEMA
                     + ".interaction_ids') + ?)")) {
            s.setLong(1, count);
            s.execute();
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void worksInItsOwnSchema() throws Exception {
        assertThat(store.kind()).isEqualTo("postgresql");
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             var rows = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.tables"
                     + " WHERE table_schema = '" + SCHEMA + "' AND table_name IN ('entities', 'interactions',"
                     + " 'changes', 'idempotency_keys', 'interaction_types', 'api_keys', 'tenants')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
    }
}
