package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;

/** Applies the versioned schema migrations under {@code db/migration/<kind>} with Flyway. */
public final class Migrations {
    private Migrations() {
    }

    /**
     * @param schema the schema to migrate (created if absent), or null for the connection's default
     */
    public static void apply(DataSource dataSource, String kind, String schema) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + kind)
                .failOnMissingLocations(true);
        if (schema != null) configuration.schemas(schema).defaultSchema(schema).createSchemas(true);
        try {
            configuration.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("migrating the " + kind + " schema failed: " + e.getMessage(), e);
        }
    }
}
